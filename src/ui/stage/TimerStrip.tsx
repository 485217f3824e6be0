// Running timers as bars that fill up with virtual time: RTO, TIME_WAIT (2MSL), persist…
import { useAppStore } from '../../store/StoreProvider';
import { selectView } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { formatTime, hostLabel } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';

export function TimerStrip() {
  const t = useT();
  const view = useAppStore(selectView);
  const timers = view?.timers ?? [];
  return (
    <div className="timer-strip" aria-label="timers">
      {timers.map((tm) => {
        const span = tm.at - tm.setT;
        return (
          <div key={`${tm.sock}|${tm.timer}`} className={`timer timer-${tm.timer}`}>
            <span className="timer-name">{hostLabel(t, tm.host)} · {t(`timer.${tm.timer}` as MessageKey)}</span>
            <span className="timer-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(tm.progress * 100)}>
              <span className="timer-fill" style={{ transform: `scaleX(${tm.progress})` }} />
            </span>
            <span className="timer-time">{formatTime(Math.max(0, view!.t - tm.setT))} / {formatTime(span)}{tm.backoff > 0 ? ` ×${2 ** tm.backoff}` : ''}</span>
          </div>
        );
      })}
    </div>
  );
}
