// Collects trace records, stamping each with the virtual time (ms) at which it happened.
import type { Scheduler } from '../engine/scheduler';
import type { TraceRecord } from './records';

type WithoutT<R> = R extends TraceRecord ? Omit<R, 't'> : never;
export type RecordInput = WithoutT<TraceRecord>;

/** Something that writes its records once per event, however often it changed during it. */
export interface Deferred { flushTrace(): void }

export class Tracer {
  readonly records: TraceRecord[] = [];
  private deferred: Deferred[] = [];
  /** Optional live listener (e.g. a CLI streaming JSON Lines). */
  onRecord: ((r: TraceRecord) => void) | null = null;

  constructor(private readonly sched: Scheduler) {}

  /** Stamp and keep a record. The object passed in becomes the record (no copy): callers build a
   *  fresh object per call, and a copy per record would double the allocation of a long run. */
  emit(r: RecordInput): void {
    const rec = r as TraceRecord;
    rec.t = this.sched.now / 1000;
    this.records.push(rec);
    if (this.onRecord) this.onRecord(rec);
  }

  /** Ask for `d.flushTrace()` at the end of the current event (see Scheduler.afterEvent). */
  defer(d: Deferred): void {
    this.deferred.push(d);
  }

  /** Emit the deferred records; called after every event. */
  flush(): void {
    if (this.deferred.length === 0) return;
    const ds = this.deferred;
    this.deferred = [];
    for (const d of ds) d.flushTrace();
  }
}
