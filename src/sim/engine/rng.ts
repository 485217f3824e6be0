// Seeded randomness. One independent stream per purpose (a link direction, a host), derived from
// (seed, stream name), so adding a host or a link does not shift another stream's draws.

/** 32-bit FNV-1a of a string, to turn a stream name into a number. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32 step: a good seed scrambler for sfc32's state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  u32(): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
}

/** sfc32 (Small Fast Counting PRNG): fast, passes PractRand, 128-bit state. */
export function createRng(seed: number, stream: string): Rng {
  const st = { s: (seed ^ hashString(stream)) >>> 0 };
  let a = splitmix32(st), b = splitmix32(st), c = splitmix32(st), d = splitmix32(st);
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    u32,
    float: () => u32() / 4294967296,
    int: (lo, hi) => lo + Math.floor((u32() / 4294967296) * (hi - lo + 1)),
    // p = 0 must never draw "true", and must not consume differently from p > 0: always draw.
    chance: (p) => u32() / 4294967296 < p,
  };
}
