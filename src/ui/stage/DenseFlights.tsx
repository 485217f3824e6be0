// Level of detail for crowded steps (a bulk transfer keeps hundreds of packets in flight): when
// more packets are in flight than a student can tell apart, the arrows and dots of those the
// current step is not about are drawn as one SVG <path> per visual class — no element per
// packet — so a seek re-renders a handful of elements whatever the window. Same colours and
// dash styles as the per-packet drawing (the classes are the same); not clickable nor
// focusable (the step's own packets keep their own button, label and menu).
import { memo } from 'react';
import type { FlightGeometry } from './FlightArrow';
import { HEAD_R, type HeadPos } from './flightLabels';
import type { PacketTone } from './packetLabel';

/** More packets in flight than this are drawn in dense mode. */
export const DENSE_MIN = 200;

export interface DenseClass {
  /** The classes of the group: `flight tone-… [retransmit] [dup]`. */
  cls: string;
  /** Arrows: one `M x0 y0 L x y` per packet. */
  lines: string;
}

export interface DenseDrawing {
  lines: DenseClass[];
  /** Dots: one path per tone, each a circle of two arcs. */
  dots: Array<{ cls: string; d: string }>;
}

const px = (v: number) => Math.round(v * 100) / 100;

/**
 * The paths of the packets in flight `heads` (already placed by `headAt`): pure, grouped in a
 * fixed order (first appearance in `heads`, which follows the timeline's order), so the same
 * step is the same markup.
 */
export function denseDrawing(
  heads: readonly HeadPos[], geo: (flight: number) => FlightGeometry, tones: (flight: number) => PacketTone,
): DenseDrawing {
  const lines = new Map<string, string[]>();
  const dots = new Map<string, string[]>();
  const r = HEAD_R;
  for (const h of heads) {
    const f = h.flight;
    const g = geo(f.index);
    const tone = tones(f.index);
    const cls = `flight tone-${tone}${f.retransmit ? ' retransmit' : ''}${f.copy > 0 ? ' dup' : ''}`;
    let l = lines.get(cls);
    if (!l) lines.set(cls, (l = []));
    l.push(`M${px(g.x0)} ${px(g.y0)}L${h.x} ${h.y}`);
    let d = dots.get(tone);
    if (!d) dots.set(tone, (d = []));
    d.push(`M${px(h.x - r)} ${h.y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
  }
  return {
    lines: [...lines].map(([cls, ds]) => ({ cls, lines: ds.join('') })),
    dots: [...dots].map(([tone, ds]) => ({ cls: `flight tone-${tone}`, d: ds.join('') })),
  };
}

function DenseFlightsImpl({ drawing }: { drawing: DenseDrawing }) {
  return (
    <g className="dense-flights" aria-hidden="true">
      {drawing.lines.map((c) => (
        <g key={c.cls} className={c.cls}><path className="flight-line" d={c.lines} /></g>
      ))}
      {drawing.dots.map((c) => (
        <g key={c.cls} className={c.cls}><path className="dense-dots" d={c.d} /></g>
      ))}
    </g>
  );
}

export const DenseFlights = memo(DenseFlightsImpl);
