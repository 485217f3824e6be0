// One packet copy on the diagram: an arrow from sender to receiver (or to the ✕ where it was
// lost). While it travels, a labelled "packet" rides the arrow's head; the head's position is a
// pure function of the cursor, and only a forward step animates it.
import { m } from 'framer-motion';
import { memo } from 'react';
import type { Flight } from '../../timeline';
import type { DiagramLayout } from './diagramLayout';
import type { PacketTone } from './packetLabel';

/** Where the arrow ends: the receiver, or (`x1Drop`) the middle of the link where a lost packet vanished. */
export interface FlightGeometry { x0: number; y0: number; x1: number; y1: number; x1Drop: number }

export function flightGeometry(f: Flight, L: DiagramLayout, copyFromMiddle: boolean): FlightGeometry {
  const from = L.laneFor(f.fromSock, f.fromHost);
  const to = L.laneFor(f.toSock, f.toHost);
  let x0 = from.x;
  // A copy made by the network starts in the middle of the link.
  if (copyFromMiddle) x0 = (from.x + to.x) / 2;
  const y0 = L.y(f.sendStep);
  const end = Number.isFinite(f.endStep) ? f.endStep : f.sendStep + 1;
  return { x0, y0, x1: to.x, y1: L.y(end), x1Drop: (from.x + to.x) / 2 };
}

export interface FlightArrowProps {
  flight: Flight;
  geo: FlightGeometry;
  /** Index of the step just applied. */
  current: number;
  tone: PacketTone;
  label: string;
  /** Tags that always apply (retransmission, duplicate), and the one shown once a drop happened. */
  tags: string[];
  lostTag: string;
  selected: boolean;
  /** Animate the arrow's growing end too (costly with many packets in flight; the head always moves). */
  animateLine: boolean;
  /** Glide time of a forward step, s (0: never glide, e.g. reduced motion). */
  duration: number;
  /** The move that led here: +1 forward (glide), -1 back or 0 jump (snap, never "un-animate"). */
  direction: 1 | -1 | 0;
  onOpen(flight: number): void;
  onSelect(flight: number): void;
  headLabel: string;
  /** Width of one monospace character of the labels (larger in lecture mode). */
  charW: number;
}

const PILL_H = 22;

function FlightArrowImpl(p: FlightArrowProps) {
  const { flight: f, current } = p;
  const arrivedNow = f.endStep <= current;
  // Until a lost packet is actually dropped it travels like any other: the picture of the past
  // must not change when the student drops a packet (or when the future otherwise differs).
  const geo = f.fate === 'drop' && arrivedNow ? { ...p.geo, x1: p.geo.x1Drop } : p.geo;
  // "lost" is written beside the ✕ where the packet vanished, the other tags under its label.
  const tags = p.tags;
  const arrived = arrivedNow;
  const span = Number.isFinite(f.endStep) ? f.endStep - f.sendStep : 2;
  const pillW = Math.max(40, p.label.length * p.charW + 16);
  const frac = arrived ? 1 : Math.max(0, Math.min(1, (current - f.sendStep) / span));
  // The label rides ahead of the packet as it leaves and behind it as it arrives, so it never
  // covers the lifelines at either end.
  const dir = geo.x1 >= geo.x0 ? 1 : -1;
  const ox = dir * (pillW / 2 + 8) * (1 - 2 * frac);
  const hx = geo.x0 + (geo.x1 - geo.x0) * frac;
  const hy = geo.y0 + (geo.y1 - geo.y0) * frac;
  // The direction reaches the variants through `custom`: only a forward step glides.
  const move = (dir: number) => ({ duration: dir === 1 ? p.duration : 0, ease: 'easeInOut' as const });
  // One variant per position: a new label is what tells framer-motion to move.
  const at = `at-${current}`;
  const lineVariants = { [at]: (dir: number) => ({ x2: hx, y2: hy, transition: move(dir) }) };
  const headVariants = { [at]: (dir: number) => ({ x: hx + ox, y: hy, opacity: arrived ? 0.92 : 1, transition: move(dir) }) };
  const dropped = f.fate === 'drop' && arrived;
  const cls = `flight tone-${p.tone}${f.retransmit ? ' retransmit' : ''}${f.copy > 0 ? ' dup' : ''}${dropped ? ' dropped' : ''}${p.selected ? ' selected' : ''}`;
  const midX = (geo.x0 + geo.x1) / 2;
  const midY = (geo.y0 + geo.y1) / 2;
  const showMid = arrived;
  return (
    <g className={cls} data-flight={f.index} data-packet={f.id}>
      {p.animateLine && current <= f.endStep ? (
        <m.line
          className="flight-line"
          x1={geo.x0} y1={geo.y0}
          initial={false}
          variants={lineVariants}
          animate={at}
          custom={p.direction}
          markerEnd={arrived && !dropped ? 'url(#arrowhead)' : undefined}
        />
      ) : (
        <line className="flight-line" x1={geo.x0} y1={geo.y0} x2={hx} y2={hy} markerEnd={arrived && !dropped ? 'url(#arrowhead)' : undefined} />
      )}
      {/* A wide transparent twin makes a thin line easy to click. */}
      {arrived && (
        <line className="flight-hit" x1={geo.x0} y1={geo.y0} x2={hx} y2={hy}
          onClick={() => p.onSelect(f.index)} />
      )}
      {dropped && arrived && (
        <g className="drop-mark" transform={`translate(${geo.x1} ${geo.y1})`}>
          <text className="flight-tag lost-tag" x={12} dy="0.35em">{p.lostTag}</text>
          <line x1={-7} y1={-7} x2={7} y2={7} />
          <line x1={-7} y1={7} x2={7} y2={-7} />
        </g>
      )}
      {showMid && (
        <g className="flight-label" transform={`translate(${midX} ${midY})`} onClick={() => p.onSelect(f.index)}>
          <rect x={-pillW / 2} y={-PILL_H / 2} width={pillW} height={PILL_H} rx={6} />
          <text textAnchor="middle" dy="0.35em">{p.label}</text>
          {tags.length > 0 && (
            <text className="flight-tag" textAnchor="middle" y={PILL_H / 2 + 12} >{tags.join(' · ')}</text>
          )}
        </g>
      )}
      {!showMid && (
        <m.g
          className="packet-head"
          initial={false}
          variants={headVariants}
          animate={at}
          custom={p.direction}
          role="button"
          tabIndex={arrived ? -1 : 0}
          aria-label={p.headLabel}
          onClick={() => (arrived ? p.onSelect(f.index) : p.onOpen(f.index))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); p.onOpen(f.index); }
          }}
        >
          <circle cx={-ox} r={4.5} />
          <rect x={-pillW / 2} y={-PILL_H / 2} width={pillW} height={PILL_H} rx={6} />
          <text textAnchor="middle" dy="0.35em">{p.label}</text>
          {tags.length > 0 && (
            <text className="flight-tag" textAnchor="middle" y={PILL_H / 2 + 12}>{tags.join(' · ')}</text>
          )}
        </m.g>
      )}
    </g>
  );
}

export const FlightArrow = memo(FlightArrowImpl);
