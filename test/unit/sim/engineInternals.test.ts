// The shortcuts the simulator takes for speed must not change what it does: a retimed event runs
// exactly where cancelling it and scheduling it anew would put it; a byte queue that joins
// adjacent views returns the same bytes as one that keeps every piece; out-of-order segments
// come out in the order a stable sort would give, duplicates dropped.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scheduler } from '../../../src/sim/engine/scheduler';
import { ByteQueue } from '../../../src/sim/tcp/byteQueue';
import { Reassembly } from '../../../src/sim/tcp/reassembly';
import { seqDiff } from '../../../src/sim/tcp/seq';

type Op = { kind: 'at'; t: number } | { kind: 'move'; which: number; t: number } | { kind: 'cancel'; which: number } | { kind: 'run'; t: number };

// Few distinct times, so that moved events often land on the time of others (where only the
// insertion order decides).
const ops = fc.array(fc.oneof(
  fc.record({ kind: fc.constant('at' as const), t: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('move' as const), which: fc.nat(20), t: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(20) }),
  fc.record({ kind: fc.constant('run' as const), t: fc.integer({ min: 0, max: 4 }) }),
), { minLength: 5, maxLength: 80, size: 'large' });

/** Replays `ops` on a scheduler, moving timers with `retime` or with cancel + schedule; returns
 *  the order in which the events ran and the times they ran at. */
function replay(list: Op[], useRetime: boolean): string[] {
  const s = new Scheduler();
  const ran: string[] = [];
  const timers: Array<{ h: ReturnType<Scheduler['at']>; name: string; live: boolean }> = [];
  for (const op of list) {
    if (op.kind === 'at') {
      const name = `e${timers.length}`;
      const t = { h: s.at(s.now + op.t, () => { ran.push(`${name}@${s.now}`); t.live = false; }), name, live: true };
      timers.push(t);
    } else if (op.kind === 'move' || op.kind === 'cancel') {
      const t = timers[op.which];
      if (!t || !t.live) continue;
      if (op.kind === 'cancel') { s.cancel(t.h); t.live = false; continue; }
      if (useRetime) {
        t.h = s.retime(t.h, s.now + op.t);
      } else {
        s.cancel(t.h);
        const name = t.name;
        t.h = s.at(s.now + op.t, () => { ran.push(`${name}@${s.now}`); t.live = false; });
      }
    } else {
      s.runUntil(s.now + op.t);
    }
  }
  s.runUntil(Number.MAX_SAFE_INTEGER);
  ran.push(`processed ${s.processed}`);
  return ran;
}

describe('Scheduler.retime', () => {
  it('orders a moved event exactly as cancelling it and scheduling it again would', () => {
    fc.assert(fc.property(ops, (list) => {
      expect(replay(list, true)).toEqual(replay(list, false));
    }), { numRuns: 300 });
  });
});

describe('ByteQueue', () => {
  it('returns the same bytes whether adjacent views were joined or not', () => {
    const buf = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    const piece = fc.record({ from: fc.nat(4000), len: fc.integer({ min: 1, max: 96 }), adjacent: fc.boolean() });
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(300), { maxLength: 20 }), (pieces, reads) => {
      const q = new ByteQueue();
      const expected: number[] = [];
      let next = 0;
      for (const p of pieces) {
        const start = p.adjacent ? next : p.from;
        const end = Math.min(buf.length, start + p.len);
        const view = buf.subarray(start, end);
        q.push(view);
        expected.push(...view);
        next = end;
      }
      expect(q.length).toBe(expected.length);
      let pos = 0;
      for (const n of reads) {
        expect(Array.from(q.peek(0, n))).toEqual(expected.slice(pos, pos + n));
        expect(Array.from(q.shiftTemporary(n))).toEqual(expected.slice(pos, pos + n));
        pos = Math.min(expected.length, pos + n);
        expect(q.length).toBe(expected.length - pos);
      }
    }), { numRuns: 300 });
  });

  it('joins a view that continues the last piece of the same buffer into one chunk', () => {
    const buf = new Uint8Array(100).map((_, i) => i);
    const q = new ByteQueue();
    q.push(buf.subarray(0, 30));
    q.push(buf.subarray(30, 60));
    // A segment across the join is a view of the buffer, not a copy.
    expect(q.peek(20, 20).buffer).toBe(buf.buffer);
  });
});

describe('Reassembly', () => {
  it('holds segments in a stable sequence order, drops exact duplicates and counts their bytes', () => {
    const seg = fc.record({ seq: fc.integer({ min: -2000, max: 2000 }), len: fc.integer({ min: 0, max: 5 }) });
    fc.assert(fc.property(fc.array(seg, { maxLength: 50 }), fc.nat(0xffffffff), (segs, base) => {
      const r = new Reassembly();
      const reference: Array<{ seq: number; data: Uint8Array; id: number }> = [];
      segs.forEach((x, id) => {
        const seq = (base + x.seq) >>> 0;
        const data = new Uint8Array(x.len).fill(id & 0xff);
        r.insert(seq, data, false);
        if (reference.some((o) => o.seq === seq && o.data.length === data.length)) return;
        reference.push({ seq, data, id });
        reference.sort((a, b) => seqDiff(a.seq, b.seq));
      });
      expect(r.length).toBe(reference.length);
      expect(r.bytes).toBe(reference.reduce((n, o) => n + o.data.length, 0));
      for (const o of reference) {
        const got = r.shift()!;
        expect([got.seq, got.data]).toEqual([o.seq, o.data]);
      }
      expect(r.bytes).toBe(0);
    }), { numRuns: 300 });
  });
});
