// Trace → steps. A step is one thing a student steps through: a call, a packet leaving or
// arriving, a timer firing. Bookkeeping that a cause produces (state changes, buffer and window
// updates, queue lengths, timers being armed or cancelled, a call that blocks or returns at once)
// folds into the step that caused it, so "step forward" never lands on a moment where nothing
// visible happened.
import type { TraceRecord } from '../sim/trace/records';

export interface TimelineStep {
  /** Index of this step. */
  index: number;
  /** Inclusive range of trace records this step applies. */
  first: number;
  last: number;
  /** The record that starts the step (what it is "about"). */
  lead: number;
  /** Virtual time of the lead record, ms. */
  t: number;
}

/**
 * Whether a record starts a new step. `blockedCalls` holds the ids of calls that blocked so far:
 * only their return is news; a call that returns at once is one step together with its call.
 */
export function isLeadRecord(r: TraceRecord, blockedCalls: ReadonlySet<number>): boolean {
  switch (r.type) {
    case 'call':
    case 'segment':
    case 'datagram':
    case 'icmp':
      return true;
    case 'return':
      return blockedCalls.has(r.id);
    case 'timer':
      return r.event === 'fire';
    case 'block':
    case 'state':
    case 'buffer':
    case 'cwnd':
    case 'queue':
    case 'program':
      return false;
  }
}

export function buildSteps(trace: readonly TraceRecord[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const blocked = new Set<number>();
  for (let i = 0; i < trace.length; i++) {
    const r = trace[i];
    if (r.type === 'block') blocked.add(r.id);
    if (isLeadRecord(r, blocked) || steps.length === 0) {
      // Records before the first lead (e.g. `program start`) belong to the first step.
      if (steps.length === 0 && !isLeadRecord(r, blocked)) {
        steps.push({ index: 0, first: i, last: i, lead: -1, t: r.t });
        continue;
      }
      if (steps.length === 1 && steps[0].lead === -1) {
        steps[0].lead = i;
        steps[0].last = i;
        steps[0].t = r.t;
        continue;
      }
      steps.push({ index: steps.length, first: i, last: i, lead: i, t: r.t });
    } else {
      steps[steps.length - 1].last = i;
    }
  }
  // A trace of bookkeeping only still has one step, led by its first record.
  if (steps.length === 1 && steps[0].lead === -1) steps[0].lead = steps[0].first;
  return steps;
}

/** Index of the step containing record `rec` (binary search over the contiguous ranges). */
export function stepOfRecord(steps: readonly TimelineStep[], rec: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].last < rec) lo = mid + 1;
    else if (steps[mid].first > rec) hi = mid - 1;
    else return mid;
  }
  return -1;
}
