// @vitest-environment node
// What the views may say about a socket at a step: only what the run has shown by then. The fd
// comes with the return of socket()/accept(), the address with bind/connect (or the SYN that made
// a listener's child) — never from later in the run.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim';
import { builtinScenario } from '../../src/scenarios/builtin';
import { lessonScenario } from '../../src/scenarios/lessons';
import { createTimeline, indexSockets, knownAt, type Timeline } from '../../src/timeline';
import type { TraceRecord } from '../../src/sim/trace/records';

const run = (id: string) => createTimeline(simulate((builtinScenario(id) ?? lessonScenario(id))!).trace);

/** The cursor right after the step holding the first record that matches. */
function after(tl: Timeline, pred: (r: TraceRecord) => boolean): number {
  const i = tl.trace.findIndex(pred);
  return tl.steps.findIndex((s) => s.first <= i && i <= s.last) + 1;
}

const sock = (tl: Timeline, c: number, host: string, pred: (s: { listener: boolean; parent?: number }) => boolean) =>
  tl.viewAt(c).sockets.find((s) => s.info.host === host && pred(s.info));

describe('what is known of a socket at a cursor (echo)', () => {
  const tl = run('echo');
  const bind = after(tl, (r) => r.type === 'return' && r.op === 'bind');
  const accepted = after(tl, (r) => r.type === 'return' && r.op === 'accept');
  const synRcvd = after(tl, (r) => r.type === 'state' && r.to === 'SYN_RECEIVED');
  const connect = after(tl, (r) => r.type === 'call' && r.op === 'connect');

  it('the listener has its fd from socket(), its address only from bind()', () => {
    expect(bind).toBe(3);
    expect(sock(tl, 2, 'server', (s) => s.listener)!.known).toEqual({ fd: 3, name: 'listener' });
    expect(sock(tl, bind, 'server', (s) => s.listener)!.known).toMatchObject({ fd: 3, local: '10.0.0.2:7' });
  });

  it("the listener's new connection has its addresses from the SYN, its fd and name only from accept()", () => {
    expect([synRcvd, accepted]).toEqual([10, 21]);
    for (let c = synRcvd; c < accepted; c++) {
      const child = sock(tl, c, 'server', (s) => s.parent !== undefined)!;
      expect(child.known, `step ${c}`).toEqual({ local: '10.0.0.2:7', remote: expect.stringMatching(/^10\.0\.0\.1:\d+$/) });
      expect(child.unaccepted, `step ${c}`).toBe(true);
    }
    const child = sock(tl, accepted, 'server', (s) => s.parent !== undefined)!;
    expect(child.known).toMatchObject({ fd: 4, name: 'conn' });
    expect(child.unaccepted).toBe(false);
  });

  it("the client's socket is unbound until connect() names both ends", () => {
    expect(sock(tl, connect - 1, 'client', () => true)!.known).toEqual({ fd: 3, name: 'sock' });
    expect(sock(tl, connect, 'client', () => true)!.known).toMatchObject({ fd: 3, local: expect.stringMatching(/^10\.0\.0\.1:\d+$/), remote: '10.0.0.2:7' });
  });

  it('knownAt answers per record, nothing before the first one', () => {
    const idx = indexSockets(tl.trace);
    const child = idx.sockets.find((s) => s.parent !== undefined)!;
    expect(knownAt(idx, child.id, child.firstRecord - 1)).toEqual({});
    expect(knownAt(idx, child.id, tl.trace.length).fd).toBe(4);
  });
});

describe('a connected UDP socket', () => {
  it('knows its peer from the return of connect(), before anything is sent', () => {
    const tl = run('udp-unreachable');
    const c = after(tl, (r) => r.type === 'return' && r.op === 'connect');
    expect(sock(tl, c - 1, 'client', () => true)!.known).toEqual({ fd: 3, name: 'udp' });
    expect(sock(tl, c, 'client', () => true)!.known).toMatchObject({ remote: '10.0.0.2:9999', local: expect.stringMatching(/^10\.0\.0\.1:\d+$/) });
  });
});

describe('a raw ICMP socket', () => {
  it('is one socket of proto "raw", named by the scenario, whose calls are all on it', () => {
    const tl = run('udp-unreachable');
    const raws = tl.sockets.filter((s) => s.proto === 'raw');
    expect(raws).toHaveLength(1);
    expect(raws[0]).toMatchObject({ host: 'client', name: 'raw', fd: 4 });
    const idx = indexSockets(tl.trace);
    const rawCalls = tl.trace.flatMap((r, i) => (r.type === 'call' && r.prog === 1 && r.op !== 'socket' ? [idx.recSock[i]] : []));
    expect(rawCalls.length).toBeGreaterThan(1);
    expect(new Set(rawCalls)).toEqual(new Set([raws[0].id]));
  });
});
