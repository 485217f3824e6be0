// A binary min-heap of events ordered by (time, insertion order): equal-time events run in the
// order they were scheduled, which is what makes a run reproducible (as in SimPy and smoltcp's netsim).

export interface QueuedEvent {
  at: number;      // virtual time in microseconds
  seq: number;     // insertion counter, the tie-breaker
  run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private heap: QueuedEvent[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: () => void): QueuedEvent {
    const ev: QueuedEvent = { at, seq: this.counter++, run, cancelled: false };
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(ev, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = ev;
    return ev;
  }

  /** The next live event without removing it (cancelled events are discarded on the way). */
  peek(): QueuedEvent | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
