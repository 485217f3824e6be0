// Greedy placement of packet labels on the diagram: each label gets the first of its candidate
// spots (in the caller's order of preference) where its box touches no label placed before it and
// no obstacle (notes beside the lifelines, packet heads). A label with no free spot is left out —
// an unreadable pile of labels teaches nothing, and the packet stays on the diagram (and in the
// inspector) without one. Pure and deterministic: the same input always gives the same picture.

export interface Box { x0: number; y0: number; x1: number; y1: number }

/** One way to show a label: which of its texts, and where its box's centre goes. */
export interface Spot { text: number; x: number; y: number }

export interface LabelSpec {
  id: number;
  /** Candidate texts (full first, then shorter ones) and their estimated widths, px. */
  texts: readonly string[];
  widths: readonly number[];
  /** Box height, px (a pill, plus the tag line under it if any). */
  height: number;
  /** Offset of the box's centre below the spot's y (a tag line makes the box taller below). */
  below?: number;
  /** Candidate spots, best first (or a function that makes them, called only if needed). */
  spots: readonly Spot[] | (() => readonly Spot[]);
}

export interface PlacedLabel { id: number; text: string; textIndex: number; x: number; y: number; box: Box }

export const boxesOverlap = (a: Box, b: Box, gap = 0): boolean =>
  a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/** Boxes bucketed by horizontal bands, so a check looks at nearby boxes only. */
export class BoxIndex {
  private readonly buckets = new Map<number, Box[]>();
  constructor(private readonly band = 32) {}
  private range(b: Box): [number, number] { return [Math.floor(b.y0 / this.band), Math.floor(b.y1 / this.band)]; }
  add(b: Box): void {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      const list = this.buckets.get(k);
      if (list) list.push(b); else this.buckets.set(k, [b]);
    }
  }
  /** Take back a box added before (the very same object). */
  remove(b: Box): void {
    const [lo, hi] = this.range(b);
    for (let k = lo; k <= hi; k++) {
      const list = this.buckets.get(k);
      const i = list ? list.indexOf(b) : -1;
      if (i >= 0) list!.splice(i, 1);
    }
  }
  hits(b: Box, gap = 0): boolean {
    const [lo, hi] = this.range({ ...b, y0: b.y0 - gap, y1: b.y1 + gap });
    for (let k = lo; k <= hi; k++) for (const o of this.buckets.get(k) ?? []) if (boxesOverlap(b, o, gap)) return true;
    return false;
  }
}

export interface PlaceOptions {
  /** Free space kept between two labels, px. */
  gap?: number;
  /** Labels placed earlier (they become obstacles too). */
  index?: BoxIndex;
  /** The obstacles, already indexed (then `obstacles` is not looked at). */
  blocked?: BoxIndex;
  /** Keep boxes within these horizontal bounds. */
  minX?: number;
  maxX?: number;
  /** Stop after this many labels in a row found no room (the drawing is full; saves time). */
  maxMisses?: number;
}

export function boxAt(x: number, y: number, w: number, h: number, below = 0): Box {
  return { x0: x - w / 2, y0: y + below - h / 2, x1: x + w / 2, y1: y + below + h / 2 };
}

/**
 * Place labels in order (the caller sorts by importance): the first free spot wins. Obstacles and
 * earlier labels are never covered. Returns the placed labels; the others got no room.
 */
export function placeLabels(specs: readonly LabelSpec[], obstacles: readonly Box[], opts: PlaceOptions = {}): PlacedLabel[] {
  const gap = opts.gap ?? 3;
  const index = opts.index ?? new BoxIndex();
  let blocked = opts.blocked;
  if (!blocked) {
    blocked = new BoxIndex();
    for (const o of obstacles) blocked.add(o);
  }
  const minX = opts.minX ?? -Infinity;
  const maxX = opts.maxX ?? Infinity;
  const out: PlacedLabel[] = [];
  let misses = 0;
  for (const s of specs) {
    if (misses >= (opts.maxMisses ?? Infinity)) break;
    misses++;
    for (const sp of typeof s.spots === 'function' ? s.spots() : s.spots) {
      const w = s.widths[sp.text];
      // Slide a box that sticks out of the drawing back inside (if it fits at all).
      const x = Math.min(Math.max(sp.x, minX + w / 2), maxX - w / 2);
      const b = boxAt(Number.isFinite(x) ? x : sp.x, sp.y, w, s.height, s.below);
      if (index.hits(b, gap) || blocked.hits(b, 0)) continue;
      index.add(b);
      out.push({ id: s.id, text: s.texts[sp.text], textIndex: sp.text, x: (b.x0 + b.x1) / 2, y: sp.y, box: b });
      misses = 0;
      break;
    }
  }
  return out;
}

/** Width of a text in px: `charW` per Latin character, a full em for CJK (tags are translated). */
export function textWidth(text: string, charW: number, em = charW / 0.6): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? em : charW;
  return w;
}
