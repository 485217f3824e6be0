// The blocked calls waiting on one socket. A wake-up runs them once, after the current event
// (each re-checks its condition), in the order they started waiting. A plain array: the Set it
// replaces grew and shrank its hash table on nearly every blocked call of a bulk transfer.
import type { Scheduler } from './scheduler';

export class WaitList {
  private readonly items: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly sched: Scheduler) {}

  get size(): number {
    return this.items.length;
  }

  add(w: () => void): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i] === w) return;
    items.push(w);
  }

  delete(w: () => void): void {
    const items = this.items;
    const i = items.indexOf(w);
    if (i < 0) return;
    for (let j = i + 1; j < items.length; j++) items[j - 1] = items[j];
    items.pop();
  }

  /** Run the waiters after the current event (at most one pending wake-up). */
  wake(): void {
    if (this.items.length === 0 || this.scheduled) return;
    this.scheduled = true;
    this.sched.soon(this.run);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const items = this.items;
    // Waiters that start waiting while these run wait for the next wake-up, hence the copy.
    if (items.length === 1) items[0]();
    else for (const w of items.slice()) w();
  };
}
