// Out-of-order segments held until the gap before them is filled (RFC 9293 §3.10.7.4, seventh
// step), sorted by sequence number, with their byte count kept up to date. After a loss a bulk
// receiver holds thousands of them, and the window it advertises is computed for every ACK:
// sorting the whole list per arrival, or summing it per ACK, made lossy runs quadratic.
import type { SeqNum } from './seq';
import { seqDiff } from './seq';

/** A segment held out of order until the gap before it is filled. */
export interface OooSegment { seq: SeqNum; data: Uint8Array; fin: boolean }

export class Reassembly {
  /** Sorted by sequence number; segments with the same start keep their arrival order. */
  private readonly segs: OooSegment[] = [];
  private byteCount = 0;

  get length(): number {
    return this.segs.length;
  }

  /** Payload bytes held. */
  get bytes(): number {
    return this.byteCount;
  }

  /** The held segment with the lowest sequence number. */
  first(): OooSegment | undefined {
    return this.segs[0];
  }

  /** Hold a segment, unless one with the same start and length is already held (a duplicate). */
  insert(seq: SeqNum, data: Uint8Array, fin: boolean): void {
    const segs = this.segs;
    // After every segment that starts at or before `seq` (where a stable sort would put it).
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqDiff(segs[mid].seq, seq) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && segs[i].seq === seq; i--) if (segs[i].data.length === data.length) return;
    const o = { seq, data, fin };
    if (lo === segs.length) segs.push(o); // the usual case: beyond everything held
    else segs.splice(lo, 0, o);
    this.byteCount += data.length;
  }

  /** Remove and return the first segment. */
  shift(): OooSegment | undefined {
    const o = this.segs.shift();
    if (o) this.byteCount -= o.data.length;
    return o;
  }
}
