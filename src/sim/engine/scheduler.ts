// The virtual clock. Time is an integer number of microseconds; nothing here reads wall time.
import { EventQueue, type QueuedEvent } from './eventQueue';

export type SimTime = number; // µs

export const US_PER_MS = 1000;

export function msToUs(ms: number): SimTime {
  return Math.round(ms * US_PER_MS);
}

export function usToMs(us: SimTime): number {
  return us / US_PER_MS;
}

export type TimerHandle = QueuedEvent;

export class Scheduler {
  private q = new EventQueue();
  /** Current virtual time, µs. */
  now: SimTime = 0;
  /** Number of events processed so far. */
  processed = 0;
  /** Called after each event (the tracer flushes per-event records here). */
  afterEvent: (() => void) | null = null;

  at(time: SimTime, run: () => void): TimerHandle {
    if (time < this.now) time = this.now;
    return this.q.push(time, run);
  }

  /** `at` for a function of one value: `run(arg)` at `time`, without a closure per event. */
  atWith<T>(time: SimTime, run: (arg: T) => void, arg: T): TimerHandle {
    if (time < this.now) time = this.now;
    return this.q.push(time, run as (arg: unknown) => void, arg);
  }

  after(delay: SimTime, run: () => void): TimerHandle {
    return this.q.push(this.now + Math.max(0, Math.round(delay)), run);
  }

  /** Run `run` at the current time, after every event already scheduled for now. */
  soon(run: () => void): TimerHandle {
    return this.q.push(this.now, run);
  }

  /** Move a pending event to `time`, exactly as cancelling it and scheduling its `run` anew would
   *  order it, but without heap work when it moves later (see EventQueue.retime). Returns the
   *  handle to keep. */
  retime(h: TimerHandle, time: SimTime): TimerHandle {
    return this.q.retime(h, time < this.now ? this.now : time);
  }

  cancel(h: TimerHandle | null | undefined): void {
    if (h) h.cancelled = true;
  }

  /** Time of the next live event, or undefined if none is pending. */
  peekTime(): SimTime | undefined {
    return this.q.peek()?.at;
  }

  /** Process exactly one event. Returns false when nothing was pending. */
  step(): boolean {
    const ev = this.q.peek();
    if (!ev) return false;
    this.q.pop();
    this.now = ev.at;
    this.processed++;
    ev.run(ev.arg);
    this.afterEvent?.();
    return true;
  }

  /** Process every event with time <= limit; the clock ends at min(limit, last event). */
  runUntil(limit: SimTime): void {
    for (;;) {
      const ev = this.q.peek();
      if (!ev || ev.at > limit) break;
      this.q.pop();
      this.now = ev.at;
      this.processed++;
      ev.run(ev.arg);
      this.afterEvent?.();
    }
  }
}
