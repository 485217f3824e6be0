// Where packet labels go, so that many packets in one row stay readable:
// - an arrived packet's label sits on its own arrow, at the first of several spots along it
//   (middle first) that is free; this is decided once per run, in the order packets arrive, so a
//   label never moves once drawn and depends only on the past;
// - packets in flight carry a dot on their arrow at the current row; their labels go beside the
//   dot if there is room, else on one of the rows just below (the future, which is empty), tied to
//   their dots by thin leader lines;
// - packets in flight on the same path with the same label (duplicate ACKs!) share one label with
//   a count ("ACK seq=1 ack=4381 ×4");
// - every label carries the longest of the packet's names that fits (`labelLevels`: the full
//   Wireshark label with the window, then without it, then fewer numbers, then the short name
//   "ack=4381"), arrived or in flight alike; the packets of the current step are placed first;
//   older ones first take a spot beside their dots (or a short name), so as many as possible get
//   a label, then each grows to the longest name that fits. Only a packet for which even the
//   short name finds no room goes without a label.
import type { Flight } from '../../timeline';
import type { FlightGeometry } from './FlightArrow';
import type { PacketTone } from './packetLabel';
import { BoxIndex, placeLabels, textWidth, type Box, type LabelSpec, type PlacedLabel, type Spot } from './labelPlacement';

export interface FlightText {
  full: string;
  compact: string;
  /** Every name it may carry, `full` first and `compact` last (`labelLevels`); else just those two. */
  levels?: readonly string[];
  tags: readonly string[];
  tone: PacketTone;
  /** Flights in flight with the same key share a label (same path, same label, same tags). */
  group: string;
}

export interface LabelMetrics {
  /** Width of one character of a label (monospace), px. */
  charW: number;
  /** Average width of one character of a tag, px. */
  tagCharW: number;
  pillH: number;
  /** Height of the tag line under a pill. */
  tagH: number;
  row: number;
  /** Horizontal bounds of the drawing area for labels. */
  minX: number;
  maxX: number;
  /** Width of the "lost" tag written beside a drop's ✕, px. */
  lostW?: number;
}

export const PILL_PAD = 16;

/** The names of a packet to try, longest first. */
export const textsOf = (t: FlightText): readonly string[] => t.levels ?? (t.full === t.compact ? [t.full] : [t.full, t.compact]);

export function pillWidth(text: string, m: LabelMetrics): number {
  return Math.max(36, textWidth(text, m.charW) + PILL_PAD);
}

function specBase(id: number, texts: string[], tags: readonly string[], m: LabelMetrics) {
  const tagW = tags.length ? textWidth(tags.join(' · '), m.tagCharW) : 0;
  return {
    id, texts, widths: texts.map((t) => Math.max(pillWidth(t, m), tagW)),
    height: m.pillH + (tags.length ? m.tagH : 0), below: tags.length ? m.tagH / 2 : 0,
  };
}

/** Along its arrow, middle first, then further out on alternating sides. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];

/**
 * The label of each arrived flight (null: none fits, or it never arrives). Flights are placed in
 * the order they arrive, each avoiding the notes and the labels placed before it.
 */
export function placeSettledLabels(
  flights: readonly Flight[], geos: readonly FlightGeometry[], texts: readonly FlightText[],
  notes: readonly Box[], m: LabelMetrics,
): Array<PlacedLabel | null> {
  const order = flights.filter((f) => Number.isFinite(f.endStep))
    .sort((a, b) => a.endStep - b.endStep || a.index - b.index);
  const index = new BoxIndex(m.row);
  for (const n of notes) index.add(n);
  const out: Array<PlacedLabel | null> = flights.map(() => null);
  for (const f of order) {
    const g = geos[f.index];
    const tx = texts[f.index];
    const x1 = f.fate === 'drop' ? g.x1Drop : g.x1;
    // The ✕ and its "lost" tag stay visible.
    if (f.fate === 'drop') index.add({ x0: x1 - 9, y0: g.y1 - 9, x1: x1 + 14 + (m.lostW ?? 30), y1: g.y1 + 9 });
    const spots: Spot[] = [];
    const names = textsOf(tx);
    for (let text = 0; text < names.length; text++) {
      for (const t of ALONG) spots.push({ text, x: g.x0 + (x1 - g.x0) * t, y: g.y0 + (g.y1 - g.y0) * t });
    }
    const spec: LabelSpec = { ...specBase(f.index, [...names], tx.tags, m), spots };
    const [placed] = placeLabels([spec], [], { index, minX: m.minX, maxX: m.maxX });
    out[f.index] = placed ?? null;
  }
  return out;
}

/** A packet in flight: where its dot is at the current step. */
export interface HeadPos {
  flight: Flight;
  x: number;
  y: number;
  /** Fraction of its trip done (0 just left, 1 arriving). */
  frac: number;
  /** +1 travelling right, -1 left. */
  dir: 1 | -1;
}

export interface InFlightLabel {
  /** The oldest flight of the label's group (a stable React key while the group travels). */
  key: number;
  members: number[];
  text: string;
  /** The short name was used (no room for the full one). */
  short: boolean;
  /** Width of the pill (the box may be wider, for a long tag under it). */
  pillW: number;
  x: number;
  y: number;
  box: Box;
  tone: PacketTone;
  tags: readonly string[];
  /** Lines from the member dots to the label (none when the label sits beside its only dot). */
  leaders: Array<{ x1: number; y1: number; x2: number; y2: number }>;
}

export const HEAD_R = 5;

/** A line from a dot to the nearest point of a label's pill. */
function leader(hx: number, hy: number, b: Box): { x1: number; y1: number; x2: number; y2: number } | null {
  const inside = hx >= b.x0 - 14 && hx <= b.x1 + 14;
  if (hy >= b.y0 - 2 && hy <= b.y1 + 2) return inside ? null : { x1: hx, y1: hy, x2: hx < b.x0 ? b.x0 : b.x1, y2: hy };
  const x2 = Math.min(Math.max(hx, b.x0 + 8), b.x1 - 8);
  return { x1: hx, y1: hy + (hy < b.y0 ? HEAD_R : -HEAD_R), x2, y2: hy < b.y0 ? b.y0 : b.y1 };
}

export interface InFlightOptions extends LabelMetrics {
  current: number;
  /** Rows a label may use: the current one and tracks-1 rows below it. */
  tracks: number;
}

/**
 * Labels for the packets in flight at the current step. `obstacles` are what must stay visible
 * (notes of this row, labels of arrived packets near it); every dot is one too.
 */
export function placeInFlightLabels(
  heads: readonly HeadPos[], texts: readonly FlightText[], obstacles: readonly Box[], o: InFlightOptions,
): InFlightLabel[] {
  const groups = new Map<string, HeadPos[]>();
  for (const h of heads) {
    const k = texts[h.flight.index].group;
    const g = groups.get(k);
    if (g) g.push(h); else groups.set(k, [h]);
  }
  const list = [...groups.values()].map((members) => {
    members.sort((a, b) => a.flight.index - b.flight.index);
    return { members, isNew: members.some((h) => h.flight.sendStep === o.current), oldest: members[0].flight.index };
  });
  // This step's packets first (they are what the narration talks about), then the oldest first,
  // so a label keeps its place while newer packets find room around it.
  list.sort((a, b) => Number(b.isNew) - Number(a.isNew) || a.oldest - b.oldest);

  const dots: Box[] = heads.map((h) => ({ x0: h.x - HEAD_R - 1, y0: h.y - HEAD_R - 1, x1: h.x + HEAD_R + 1, y1: h.y + HEAD_R + 1 }));
  const specs: Array<LabelSpec & { longer(upTo: number): Spot[] }> = list.map(({ members, isNew }, gi) => {
    const first = texts[members[0].flight.index];
    const n = members.length;
    const count = n > 1 ? ` ×${n}` : '';
    const names = textsOf(first).map((x) => `${x}${count}`);
    const base = specBase(gi, names, first.tags, o);
    const cx = members.reduce((s, h) => s + h.x, 0) / n;
    const y = members[0].y;
    /** Spots for the given names (indices into `names`), longest first, each on every track. */
    const spotsFor = (plan: ReadonlyArray<readonly [track: number, text: number]>): Spot[] => {
      const out: Spot[] = [];
      for (const [track, text] of plan) {
        const w = base.widths[text];
        let ideal = cx;
        if (track === 0) {
          // Beside a lone dot: ahead of it as it leaves, behind it as it arrives, so the label
          // never covers the lifelines at either end.
          const h = members[0];
          if (n === 1) ideal = h.x + h.dir * (w / 2 + HEAD_R + 4) * (1 - 2 * h.frac);
        }
        const reach = w / 2 + (track === 0 ? 16 : 96);
        for (let dx = 0; dx <= reach; dx += 12) {
          out.push({ text, x: ideal + dx, y: y + track * o.row });
          if (dx > 0) out.push({ text, x: ideal - dx, y: y + track * o.row });
        }
      }
      return out;
    };
    const everywhere = (upTo: number) => {
      const plan: Array<[number, number]> = [];
      for (let text = 0; text < upTo; text++) for (let tr = 0; tr < o.tracks; tr++) plan.push([tr, text]);
      return plan;
    };
    const last = names.length - 1;
    // First pass: this step's packets with the longest name that fits; older ones in full only
    // right beside their dots, else by their short name — so as many packets as possible get one.
    const first_ = isNew ? everywhere(names.length) : [[0, 0] as [number, number], ...everywhere(last + 1).filter(([, x]) => x === last)];
    return { ...base, spots: () => spotsFor(first_), longer: (upTo: number) => spotsFor(everywhere(upTo)) };
  });
  const blocked = new BoxIndex(o.row);
  for (const b of [...obstacles, ...dots]) blocked.add(b);
  const index = new BoxIndex(o.row);
  // In a bulk transfer most packets find no room; once a dozen in a row did not, stop looking.
  const placed = placeLabels(specs, [], { index, blocked, minX: o.minX, maxX: o.maxX, maxMisses: 12 });
  // Second pass: a label that got a short name takes the longest one that fits anywhere near its
  // dots, now that everyone has a place (so no packet loses its label to a longer one).
  // In a full drawing, once a few in a row found no room for more, stop trying.
  for (let i = 0, misses = 0; i < placed.length && misses < 6; i++) {
    const p = placed[i];
    if (p.textIndex === 0) continue;
    const spec = specs[p.id];
    index.remove(p.box);
    const [better] = placeLabels([{ ...spec, spots: spec.longer(p.textIndex) }], [], { index, blocked, minX: o.minX, maxX: o.maxX });
    if (better) { placed[i] = better; misses = 0; } else { index.add(p.box); misses++; }
  }
  return placed.map((p) => {
    const { members } = list[p.id];
    const first = texts[members[0].flight.index];
    const leaders = members.map((h) => leader(h.x, h.y, p.box)).filter((l): l is NonNullable<typeof l> => l !== null);
    return {
      key: members[0].flight.index, members: members.map((h) => h.flight.index), text: p.text, short: p.textIndex > 0,
      pillW: pillWidth(p.text, o), x: p.x, y: p.y, box: p.box, tone: first.tone, tags: first.tags, leaders,
    };
  });
}
