// A binary min-heap of events ordered by (time, insertion order): equal-time events run in the
// order they were scheduled, which is what makes a run reproducible (as in SimPy and smoltcp's netsim).

export interface QueuedEvent {
  at: number;      // virtual time in microseconds
  seq: number;     // insertion counter, the tie-breaker
  /** Called with `arg`: an event that needs one value (a packet to deliver) carries it here
   *  instead of in a closure, one object per event instead of three. */
  run: (arg: unknown) => void;
  arg: unknown;
  cancelled: boolean;
  /** Set by `retime`: the event really belongs at (dueAt, dueSeq), later than where it sits. */
  moved: boolean;
  dueAt: number;
  dueSeq: number;
}

export class EventQueue {
  private heap: QueuedEvent[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: (arg: unknown) => void, arg?: unknown): QueuedEvent {
    const ev: QueuedEvent = { at, seq: this.counter++, run, arg, cancelled: false, moved: false, dueAt: 0, dueSeq: 0 };
    this.insert(ev);
    return ev;
  }

  /** Give a pending event the place it would have if it were cancelled and pushed anew at `at`
   *  (the same insertion counter is used up). A later time is applied lazily: the entry stays
   *  where it is and moves when it reaches the top, so restarting a timer on every ACK costs no
   *  heap work. An earlier time needs a new entry; the one to keep is returned. */
  retime(ev: QueuedEvent, at: number): QueuedEvent {
    if (at < ev.at) {
      ev.cancelled = true;
      return this.push(at, ev.run, ev.arg);
    }
    ev.moved = true;
    ev.dueAt = at;
    ev.dueSeq = this.counter++;
    return ev;
  }

  /** The next live event without removing it (cancelled events are discarded and moved ones put
   *  in their place on the way). */
  peek(): QueuedEvent | undefined {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0];
      if (top.cancelled) {
        this.pop();
      } else if (top.moved) {
        top.moved = false;
        top.at = top.dueAt;
        top.seq = top.dueSeq;
        this.siftDown(top); // its key only grew
      } else {
        return top;
      }
    }
    return undefined;
  }

  pop(): QueuedEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) this.siftDown(last);
    return top;
  }

  private insert(ev: QueuedEvent): void {
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
  }

  /** Put `ev` at the root and sift it down to its place. */
  private siftDown(ev: QueuedEvent): void {
    const h = this.heap;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r], h[l]) ? r : l;
      if (!before(h[c], ev)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = ev;
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
