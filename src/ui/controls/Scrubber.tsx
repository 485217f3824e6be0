// The scrubber: a native range input (keyboard and screen readers for free) over a strip of
// event markers (loss, retransmission, RST, errors, state changes).
import { memo } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import type { Marker } from '../../timeline';
import { selectCursor, selectLength, selectMarkers, selectPlaybackActions } from '../../store/selectors';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/useT';

/** The marker strip changes only with the run, not with the cursor: a long run has thousands. */
const MarkerStrip = memo(function MarkerStrip({ markers, length }: { markers: readonly Marker[] | null; length: number }) {
  return (
    <div className="scrubber-markers" aria-hidden="true">
      {length > 0 && markers?.map((m) => (
        <span key={m.cursor} className={`marker marker-${m.kind}`} style={{ left: `${(m.cursor / length) * 100}%` }} />
      ))}
    </div>
  );
});

export function Scrubber() {
  const t = useT();
  const cursor = useAppStore(selectCursor);
  const length = useAppStore(selectLength);
  const markers = useAppStore(selectMarkers);
  const { seek } = useAppStore(useShallow(selectPlaybackActions));
  return (
    <div className="scrubber">
      <MarkerStrip markers={markers} length={length} />
      <input type="range" min={0} max={Math.max(0, length)} step={1} value={cursor}
        aria-label={t('control.scrubber')} aria-valuetext={t('control.stepOf', { n: cursor, total: length })}
        onChange={(e) => seek(Number(e.target.value))}
        // Arrow keys on the range would double-step with the global shortcuts.
        onKeyDown={(e) => { if (['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) e.preventDefault(); }}
        disabled={length === 0} />
    </div>
  );
}
