// One packet copy on the diagram: an arrow from sender to receiver (or to the ✕ where it was
// lost). While it travels, a dot (`PacketHead`) rides the arrow's end at the current row; its
// label is placed by `flightLabels` with the other labels of the row. Positions are a pure
// function of the cursor, and only a forward step animates them.
import { m } from 'framer-motion';
import { memo, type KeyboardEvent } from 'react';
import type { Flight } from '../../timeline';
import type { DiagramLayout } from './diagramLayout';
import type { PacketTone } from './packetLabel';
import { HEAD_R, type HeadPos } from './flightLabels';

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

/** A packet moves on by a share of the way left for each step since it left (see `headAt`), up to a limit. */
const NUDGE_MAX = 0.3;
const NUDGE_KEEP = 0.7;

/** Pixel positions rounded, so the same picture is the same markup (no float noise). */
const px = (v: number) => Math.round(v * 100) / 100;

/**
 * Where a packet in flight is drawn at step `current`: in the current row (`y`), along its arrow
 * as far as its trip's virtual time has gone (`progress`, from the timeline). Packets often leave
 * at one virtual instant over several steps (a call returns, the next one sends), so each step
 * since it left moves it on a little (up to 30 % of the way), which keeps them apart and in order.
 * Both depend on the past only — the steps so far and the packet's own trip — so re-simulating a
 * different future (dropping a packet) never moves a packet already on screen.
 */
export function headAt(f: Flight, geo: FlightGeometry, progress: number, current: number, y: number): HeadPos {
  const steps = Math.max(0, current - f.sendStep);
  const nudge = NUDGE_MAX * (1 - NUDGE_KEEP ** steps);
  const p = Math.max(0, Math.min(1, progress));
  const frac = 1 - (1 - p) * (1 - nudge);
  return { flight: f, frac, dir: geo.x1 >= geo.x0 ? 1 : -1, x: px(geo.x0 + (geo.x1 - geo.x0) * frac), y: px(y) };
}

export interface SettledLabel { x: number; y: number; text: string; /** Pill width, px. */ w: number }

export interface FlightArrowProps {
  flight: Flight;
  geo: FlightGeometry;
  /** Index of the step just applied. */
  current: number;
  /** Where the packet is while it travels (`headAt`); unused once it arrived. */
  head: { x: number; y: number } | null;
  tone: PacketTone;
  /** Where the label of the arrived packet goes (null: no room for one). */
  label: SettledLabel | null;
  /** Tags that always apply (retransmission, duplicate), and the one shown once a drop happened. */
  tags: readonly string[];
  lostTag: string;
  selected: boolean;
  /** Animate the arrow's growing end (costly with many packets in flight). */
  animateLine: boolean;
  /** Glide time of a forward step, s (0: never glide, e.g. reduced motion). */
  duration: number;
  /** The move that led here: +1 forward (glide), -1 back or 0 jump (snap, never "un-animate"). */
  direction: 1 | -1 | 0;
  onSelect(flight: number): void;
  pillH: number;
}

/** The direction reaches the variants through `custom`: only a forward step glides. */
export const moveTransition = (duration: number) => (dir: number) => ({ duration: dir === 1 ? duration : 0, ease: 'easeInOut' as const });

function FlightArrowImpl(p: FlightArrowProps) {
  const { flight: f, current } = p;
  const arrived = f.endStep <= current;
  // Until a lost packet is actually dropped it travels like any other: the picture of the past
  // must not change when the student drops a packet (or when the future otherwise differs).
  const dropped = f.fate === 'drop' && arrived;
  const geo = dropped ? { ...p.geo, x1: p.geo.x1Drop } : p.geo;
  const head = arrived ? { x: geo.x1, y: geo.y1 } : p.head ?? { x: geo.x0, y: geo.y0 };
  const move = moveTransition(p.duration);
  // One variant per position: a new label is what tells framer-motion to move.
  const at = `at-${current}`;
  const lineVariants = { [at]: (dir: number) => ({ x2: head.x, y2: head.y, transition: move(dir) }) };
  const cls = `flight tone-${p.tone}${f.retransmit ? ' retransmit' : ''}${f.copy > 0 ? ' dup' : ''}${dropped ? ' dropped' : ''}${p.selected ? ' selected' : ''}`;
  const marker = arrived && !dropped ? 'url(#arrowhead)' : undefined;
  const label = arrived ? p.label : null;
  const pillW = label?.w ?? 0;
  return (
    <g className={cls} data-flight={f.index} data-packet={f.id}>
      {p.animateLine && !arrived ? (
        <m.line className="flight-line" x1={geo.x0} y1={geo.y0} initial={false} variants={lineVariants} animate={at} custom={p.direction} />
      ) : (
        <line className="flight-line" x1={geo.x0} y1={geo.y0} x2={head.x} y2={head.y} markerEnd={marker} />
      )}
      {/* A wide transparent twin makes a thin line easy to click. */}
      {arrived && <line className="flight-hit" x1={geo.x0} y1={geo.y0} x2={head.x} y2={head.y} onClick={() => p.onSelect(f.index)} />}
      {dropped && (
        <g className="drop-mark" transform={`translate(${geo.x1} ${geo.y1})`}>
          <text className="flight-tag lost-tag" x={12} dy="0.35em">{p.lostTag}</text>
          <line x1={-7} y1={-7} x2={7} y2={7} />
          <line x1={-7} y1={7} x2={7} y2={-7} />
        </g>
      )}
      {label && (
        <g className="flight-label" transform={`translate(${label.x} ${label.y})`} onClick={() => p.onSelect(f.index)}>
          <rect x={-pillW / 2} y={-p.pillH / 2} width={pillW} height={p.pillH} rx={6} />
          <text textAnchor="middle" dy="0.35em">{label.text}</text>
          {p.tags.length > 0 && <text className="flight-tag" textAnchor="middle" y={p.pillH / 2 + 11}>{p.tags.join(' · ')}</text>}
        </g>
      )}
    </g>
  );
}

export const FlightArrow = memo(FlightArrowImpl);

export interface PacketHeadProps {
  head: HeadPos;
  current: number;
  tone: PacketTone;
  selected: boolean;
  duration: number;
  direction: 1 | -1 | 0;
  /** Accessible name: the full label and the path ("SYN seq=0 — client → server"). */
  name: string;
  onOpen(flight: number): void;
}

/** What framer-motion writes for `x`/`y` on an SVG element: the same markup when nothing glides. */
export const placeStyle = (x: number, y: number) => ({ transform: `translateX(${x}px) translateY(${y}px)`, transformOrigin: '50% 50%', transformBox: 'fill-box' as const });

/** The packet itself while it travels: a dot on its arrow, a button that opens the packet menu. */
function PacketHeadImpl(p: PacketHeadProps) {
  const f = p.head.flight;
  const props = {
    className: 'packet-head', role: 'button', tabIndex: 0, 'aria-label': p.name,
    onClick: () => p.onOpen(f.index),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); p.onOpen(f.index); }
    },
  };
  const body = (
    <>
      <title>{p.name}</title>
      <circle className="head-hit" r={HEAD_R + 7} />
      <circle className="head-dot" r={HEAD_R} />
    </>
  );
  // Nothing glides (reduced motion, or too many packets in flight): a plain element, the same
  // markup, without an animation controller to mount on every seek.
  if (p.duration === 0) {
    return (
      <g className={`flight tone-${p.tone}${p.selected ? ' selected' : ''}`} data-head={f.index}>
        <g {...props} style={placeStyle(p.head.x, p.head.y)}>{body}</g>
      </g>
    );
  }
  const move = moveTransition(p.duration);
  const at = `at-${p.current}`;
  const variants = { [at]: (dir: number) => ({ x: p.head.x, y: p.head.y, transition: move(dir) }) };
  return (
    <g className={`flight tone-${p.tone}${p.selected ? ' selected' : ''}`} data-head={f.index}>
      <m.g {...props} initial={false} variants={variants} animate={at} custom={p.direction}>{body}</m.g>
    </g>
  );
}

export const PacketHead = memo(PacketHeadImpl);
