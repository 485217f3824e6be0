// Collects trace records, each stamped with the virtual time (ms) at which it happened.
import type { Scheduler } from '../engine/scheduler';
import type { TraceRecord } from './records';

/** Something that writes its records once per event, however often it changed during it. */
export interface Deferred { flushTrace(): void }

export class Tracer {
  readonly records: TraceRecord[] = [];
  /** Deferred writers of the current event: the first `deferredCount` slots (a reused array). */
  private readonly deferred: Deferred[] = [];
  private deferredCount = 0;
  /** Optional live listener (e.g. a CLI streaming JSON Lines). */
  onRecord: ((r: TraceRecord) => void) | null = null;
  private lastUs = 0;
  private lastMs = 0;

  constructor(private readonly sched: Scheduler) {}

  /** Now in ms, the value of a record's `t`. Callers put `t` in the record literal themselves, at
   *  the position it has in the JSON (last for most records; first for segment and cwnd records):
   *  adding it afterwards would cost every record a map transition and an out-of-object slot. */
  get now(): number {
    const us = this.sched.now;
    if (us !== this.lastUs) {
      this.lastUs = us;
      this.lastMs = us / 1000;
    }
    return this.lastMs;
  }

  /** Keep a record. The object passed in becomes the record (no copy): callers build a fresh
   *  object per call, and a copy per record would double the allocation of a long run. */
  emit(r: TraceRecord): void {
    this.records.push(r);
    if (this.onRecord) this.onRecord(r);
  }

  /** Ask for `d.flushTrace()` at the end of the current event (see Scheduler.afterEvent). */
  defer(d: Deferred): void {
    this.deferred[this.deferredCount++] = d;
  }

  /** Emit the deferred records; called after every event. A writer deferred while this runs is
   *  flushed in the same pass. */
  flush(): void {
    for (let i = 0; i < this.deferredCount; i++) this.deferred[i].flushTrace();
    this.deferredCount = 0;
  }
}
