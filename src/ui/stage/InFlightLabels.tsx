// The labels of the packets in flight, as `placeInFlightLabels` laid them out for this step:
// a pill per packet (or per group of identical packets, with ×N), tied to its dots by leader
// lines when it had to move away from them. Only a forward step glides; back and jumps snap.
import { m } from 'framer-motion';
import { memo } from 'react';
import type { InFlightLabel } from './flightLabels';
import { moveTransition, placeStyle } from './FlightArrow';

export interface InFlightLabelsProps {
  labels: readonly InFlightLabel[];
  current: number;
  duration: number;
  direction: 1 | -1 | 0;
  selected: number | null;
  pillH: number;
  onOpen(flight: number): void;
}

function InFlightLabelsImpl(p: InFlightLabelsProps) {
  const move = moveTransition(p.duration);
  const at = `at-${p.current}`;
  // Nothing glides (reduced motion, many packets): plain elements, the same markup, no animation
  // controllers to mount on a seek.
  const still = p.duration === 0;
  return (
    <g className="inflight-labels">
      {/* Leaders first, so no line crosses a label. */}
      {p.labels.map((l) => (
        <g key={l.key} className={`flight tone-${l.tone}`}>
          {l.leaders.map((ln, i) => {
            if (still) return <line key={i} className="leader" x1={ln.x1} y1={ln.y1} x2={ln.x2} y2={ln.y2} />;
            const lv = { [at]: (dir: number) => ({ x1: ln.x1, y1: ln.y1, x2: ln.x2, y2: ln.y2, transition: move(dir) }) };
            return <m.line key={i} className="leader" initial={false} variants={lv} animate={at} custom={p.direction} />;
          })}
        </g>
      ))}
      {p.labels.map((l) => {
        const w = l.pillW;
        const variants = { [at]: (dir: number) => ({ x: l.x, y: l.y, transition: move(dir) }) };
        const sel = p.selected !== null && l.members.includes(p.selected);
        const body = (
          <>
            <rect x={-w / 2} y={-p.pillH / 2} width={w} height={p.pillH} rx={6} />
            <text textAnchor="middle" dy="0.35em">{l.text}</text>
            {l.tags.length > 0 && <text className="flight-tag" textAnchor="middle" y={p.pillH / 2 + 11}>{l.tags.join(' · ')}</text>}
          </>
        );
        const cls = `inflight-label${l.short ? ' short' : ''}`;
        return (
          <g key={l.key} className={`flight tone-${l.tone}${sel ? ' selected' : ''}${l.members.length > 1 ? ' group' : ''}`} data-label-for={l.members.join(' ')}>
            {still ? (
              <g className={cls} style={placeStyle(l.x, l.y)} onClick={() => p.onOpen(l.key)}>{body}</g>
            ) : (
              <m.g className={cls} initial={false} variants={variants} animate={at} custom={p.direction}
                onClick={() => p.onOpen(l.key)}>{body}</m.g>
            )}
          </g>
        );
      })}
    </g>
  );
}

export const InFlightLabels = memo(InFlightLabelsImpl);
