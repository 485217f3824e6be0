// Playback controls: jump, step, play/pause, scrubber with event markers, speed. Accessible names
// come from i18n ("Play", "Step forward"… in English, exactly).
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectLength, selectPlaying, selectSpeed, selectPlaybackActions, selectView, selectRunStatus } from '../../store/selectors';
import { SPEEDS } from '../../store/playbackSlice';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../i18n/i18n';
import { Scrubber } from './Scrubber';
import { Icon } from '../shell/Icon';

export function Controls() {
  const t = useT();
  const cursor = useAppStore(selectCursor);
  const length = useAppStore(selectLength);
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const view = useAppStore(selectView);
  const running = useAppStore(selectRunStatus) === 'running';
  const a = useAppStore(useShallow(selectPlaybackActions));
  const atStart = cursor <= 0;
  const atEnd = cursor >= length;
  return (
    <div className="controls" role="toolbar" aria-label={t('control.playback')}>
      <div className="controls-buttons">
        <button type="button" className="icon-btn" aria-label={t('control.jumpStart')} title={`${t('control.jumpStart')} (Home)`} onClick={a.jumpStart} disabled={atStart}>
          <Icon name="start" />
        </button>
        <button type="button" className="icon-btn" aria-label={t('control.stepBack')} title={`${t('control.stepBack')} (←)`} onClick={a.stepBack} disabled={atStart}>
          <Icon name="back" />
        </button>
        <button type="button" className="icon-btn primary" aria-label={playing ? t('control.pause') : t('control.play')}
          title={`${playing ? t('control.pause') : t('control.play')} (Space)`} onClick={a.togglePlay} disabled={length === 0}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" className="icon-btn" aria-label={t('control.stepForward')} title={`${t('control.stepForward')} (→)`} onClick={a.stepForward} disabled={atEnd}>
          <Icon name="forward" />
        </button>
        <button type="button" className="icon-btn" aria-label={t('control.jumpEnd')} title={`${t('control.jumpEnd')} (End)`} onClick={a.jumpEnd} disabled={atEnd}>
          <Icon name="end" />
        </button>
      </div>
      <Scrubber />
      <div className="controls-meta">
        <span className="step-count" data-testid="step-count">{t('control.stepOf', { n: cursor, total: length })}</span>
        <span className="sim-time">{t('control.time', { time: formatTime(view?.t ?? 0) })}</span>
        {running && <span className="sim-busy" role="status">{t('app.loading')}</span>}
      </div>
      <label className="speed">
        <span>{t('control.speed')}</span>
        <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
    </div>
  );
}
