// Cursor maths: the cursor is an integer number of steps applied, 0..length. Moving it, marking
// notable steps on the scrubber, and keeping it in place when the run is re-simulated.
import type { TraceRecord } from '../sim/trace/records';
import type { TimelineStep } from './buildSteps';
import { stepOfRecord } from './buildSteps';
import type { Timeline } from './createTimeline';
import { clampCursor } from './createTimeline';

export { clampCursor };

export function stepForward(cursor: number, length: number, by = 1): number {
  return clampCursor(cursor + by, length);
}

export function stepBack(cursor: number, length: number, by = 1): number {
  return clampCursor(cursor - by, length);
}

/** Cursor of the step a scrubber fraction (0..1) points at. */
export function cursorAtFraction(fraction: number, length: number): number {
  return clampCursor(Math.round(Math.max(0, Math.min(1, fraction)) * length), length);
}

export type MarkerKind = 'drop' | 'retransmit' | 'duplicate' | 'error' | 'state' | 'rst';

export interface Marker { cursor: number; kind: MarkerKind }

/** The steps worth a tick on the scrubber, most important kind per step. */
export function buildMarkers(tl: Timeline): Marker[] {
  const rank: Record<MarkerKind, number> = { error: 6, drop: 5, rst: 4, retransmit: 3, duplicate: 2, state: 1 };
  const out: Marker[] = [];
  for (const st of tl.steps) {
    let best: MarkerKind | null = null;
    for (let i = st.first; i <= st.last; i++) {
      const r = tl.trace[i];
      let k: MarkerKind | null = null;
      if (r.type === 'return' && r.error) k = 'error';
      else if ((r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp') && r.event === 'drop') k = 'drop';
      else if ((r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp') && r.event === 'duplicate') k = 'duplicate';
      else if (r.type === 'segment' && r.event === 'send' && r.flags.includes('RST')) k = 'rst';
      else if (r.type === 'segment' && r.event === 'send' && r.note && r.note.endsWith('retransmit')) k = 'retransmit';
      else if (r.type === 'state') k = 'state';
      if (k && (!best || rank[k] > rank[best])) best = k;
    }
    if (best) out.push({ cursor: st.index + 1, kind: best });
  }
  return out;
}

function sameRecord(a: TraceRecord, b: TraceRecord): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Number of leading records two traces share. */
export function commonPrefix(a: readonly TraceRecord[], b: readonly TraceRecord[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && sameRecord(a[i], b[i])) i++;
  return i;
}

/**
 * Where the cursor goes after a re-simulation. If everything the student has seen (all records up
 * to the cursor's step) is unchanged, the cursor stays; otherwise it moves to the last step that
 * lies wholly before the first difference, so the consequences play out from there.
 */
export function reconcileCursor(
  oldTrace: readonly TraceRecord[], oldSteps: readonly TimelineStep[], oldCursor: number,
  newTrace: readonly TraceRecord[], newSteps: readonly TimelineStep[],
): number {
  if (oldCursor <= 0) return 0;
  const seenUpTo = oldSteps[Math.min(oldCursor, oldSteps.length) - 1]?.last ?? -1;
  const prefix = commonPrefix(oldTrace, newTrace);
  if (seenUpTo < prefix) {
    // Same records seen; the step boundaries agree too as long as they lie inside the prefix.
    const k = stepOfRecord(newSteps, seenUpTo);
    if (k >= 0 && newSteps[k].last === seenUpTo) return k + 1;
  }
  if (prefix === 0) return 0;
  const k = stepOfRecord(newSteps, prefix - 1);
  if (k < 0) return 0;
  // Step k contains the last common record; it is whole only if it ends there.
  return newSteps[k].last === prefix - 1 ? k + 1 : k;
}
