// Running timers as bars that fill up with virtual time (RTO, TIME_WAIT 2MSL, persist…), each
// drawn right under the lane of the socket it belongs to, so a crowded server still shows whose
// timer runs. Where a lane has room the bar carries its name and times; where it has little, the
// bar carries a short name (never a cut one) and the rest is in the tooltip.
import { useAppStore } from '../../store/StoreProvider';
import { selectTimeline, selectView } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { formatTime, hostLabel } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { backoffFactor, type TimerView } from '../../timeline';
import type { DiagramLayout } from './diagramLayout';
import type { LaneHeadGeo } from './laneHeadGeometry';

/** Names that are the same in every language and short enough for any bar (the full one is in the tooltip):
 *  the same name on every bar of a kind, and never a cut one. */
const SHORT: Partial<Record<TimerView['timer'], string>> = { rto: 'RTO', 'time-wait': '2MSL', 'fin-wait-2': 'FIN_WAIT_2', 'delayed-ack': 'delACK' };
/** Below this width a bar shows no times (they stay in the tooltip). */
const ROOMY = 150;

export function TimerStrip({ layout, heads }: { layout: DiagramLayout; heads: readonly LaneHeadGeo[] }) {
  const t = useT();
  const view = useAppStore(selectView);
  const tl = useAppStore(selectTimeline);
  const bySock = new Map<number, TimerView[]>();
  for (const tm of view?.timers ?? []) bySock.set(tm.sock, [...(bySock.get(tm.sock) ?? []), tm]);
  const free = new Map(heads.map((h) => [h.lane.key, h]));
  return (
    <div className="timer-strip" aria-label={t('diagram.timers')} style={{ width: layout.width }}>
      {[...bySock].map(([sock, timers]) => {
        const lane = layout.laneFor(sock, timers[0].host);
        // Centred under the lane, or pushed aside within the lane's stretch (an outer lane has
        // the edge of the drawing to itself).
        const h = free.get(lane.key);
        const l = h?.left ?? lane.x - 60;
        const r = h?.right ?? lane.x + 60;
        const wide = Math.min(r - l - 6, 200);
        // Times only where they fit; a bar without them needs no more than its lane's own room.
        const roomy = wide >= ROOMY && timers.length === 1;
        const w = Math.max(40, roomy ? wide : Math.min(wide, h?.width ?? 90, 110));
        const x = Math.min(Math.max(lane.x, l + w / 2 + 3), r - w / 2 - 3);
        return (
          <div key={sock} className={`timer-slot${timers.length > 1 ? ' two' : ''}`} style={{ left: Math.round(x - w / 2), width: Math.round(w) }}>
            {timers.slice(0, 2).map((tm) => {
              const span = tm.at - tm.setT;
              const factor = tl ? backoffFactor(tl.trace, tm.setRec) : null;
              const time = `${formatTime(Math.max(0, view!.t - tm.setT))} / ${formatTime(span)}${factor ? ` ×${factor}` : ''}`;
              const name = t(`timer.${tm.timer}` as MessageKey);
              return (
                <div key={tm.timer} className={`timer timer-${tm.timer}`} title={`${hostLabel(t, tm.host)} · ${name} ${time}`}>
                  <span className="timer-bar" role="progressbar" aria-label={name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(tm.progress * 100)}>
                    <span className="timer-fill" style={{ transform: `scaleX(${tm.progress})` }} />
                    <span className="timer-name">{SHORT[tm.timer] ?? name}</span>
                  </span>
                  {roomy && <span className="timer-time">{time}</span>}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
