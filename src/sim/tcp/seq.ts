// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Every comparison of sequence or
// acknowledgment numbers in the simulator goes through this module.

export type SeqNum = number; // uint32

/** a + n, wrapped to 32 bits. */
export function seqAdd(a: SeqNum, n: number): SeqNum {
  return (a + n) >>> 0;
}

/** Signed distance a − b in (−2^31, 2^31]. */
export function seqDiff(a: SeqNum, b: SeqNum): number {
  return (a - b) | 0;
}

export function seqLt(a: SeqNum, b: SeqNum): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: SeqNum, b: SeqNum): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: SeqNum, b: SeqNum): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: SeqNum, b: SeqNum): boolean {
  return ((a - b) | 0) >= 0;
}

export function seqMax(a: SeqNum, b: SeqNum): SeqNum {
  return seqGt(a, b) ? a : b;
}

export function seqMin(a: SeqNum, b: SeqNum): SeqNum {
  return seqLt(a, b) ? a : b;
}

/** lo <= x < hi in sequence space. */
export function seqInRange(x: SeqNum, lo: SeqNum, hi: SeqNum): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}
