// Collects trace records, stamping each with the virtual time (ms) at which it happened.
import type { Scheduler } from '../engine/scheduler';
import type { TraceRecord } from './records';

type WithoutT<R> = R extends TraceRecord ? Omit<R, 't'> : never;
export type RecordInput = WithoutT<TraceRecord>;

export class Tracer {
  readonly records: TraceRecord[] = [];
  /** Optional live listener (e.g. a CLI streaming JSON Lines). */
  onRecord: ((r: TraceRecord) => void) | null = null;

  constructor(private readonly sched: Scheduler) {}

  emit(r: RecordInput): void {
    const rec = { t: this.sched.now / 1000, ...r } as TraceRecord;
    this.records.push(rec);
    if (this.onRecord) this.onRecord(rec);
  }
}
