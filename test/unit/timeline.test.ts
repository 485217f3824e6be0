// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTimeline, buildSteps, buildMarkers, reconcileCursor, stepForward, stepBack, cursorAtFraction } from '../../src/timeline';
import type { TraceRecord } from '../../src/sim/trace/records';
import { buildEchoTrace } from '../fixtures/echoTrace';
import { buildLostSynTrace, buildUdpTrace } from '../fixtures/lossTrace';

const echo = buildEchoTrace().trace;

function stepAt(tl: ReturnType<typeof createTimeline>, pred: (r: TraceRecord) => boolean): number {
  const i = tl.trace.findIndex(pred);
  return tl.steps.findIndex((s) => s.first <= i && i <= s.last);
}

describe('trace → steps', () => {
  it('covers every record exactly once, in order', () => {
    const steps = buildSteps(echo);
    expect(steps[0].first).toBe(0);
    expect(steps.at(-1)!.last).toBe(echo.length - 1);
    steps.forEach((s, k) => {
      expect(s.index).toBe(k);
      if (k > 0) expect(s.first).toBe(steps[k - 1].last + 1);
      expect(s.lead).toBeGreaterThanOrEqual(s.first);
      expect(s.lead).toBeLessThanOrEqual(s.last);
    });
  });

  it('a call that returns at once is one step with its return; a blocked call returns in a later step', () => {
    const steps = buildSteps(echo);
    const socketCall = echo.findIndex((r) => r.type === 'call' && r.op === 'socket');
    const s0 = steps.find((s) => s.lead === socketCall)!;
    expect(echo.slice(s0.first, s0.last + 1).map((r) => r.type)).toContain('return');
    const acceptCall = echo.findIndex((r) => r.type === 'call' && r.op === 'accept');
    const acceptRet = echo.findIndex((r) => r.type === 'return' && r.op === 'accept');
    expect(steps.some((s) => s.lead === acceptRet)).toBe(true);
    const callStep = steps.find((s) => s.lead === acceptCall)!;
    expect(echo[callStep.last].type).toBe('block');
  });

  it('bookkeeping (state, buffer, cwnd, queue, timer set/cancel) never leads a step', () => {
    for (const s of buildSteps(echo)) {
      const lead = echo[s.lead];
      expect(['call', 'return', 'segment', 'datagram', 'icmp', 'timer']).toContain(lead.type);
      if (lead.type === 'timer') expect(lead.event).toBe('fire');
    }
  });
});

describe('sockets', () => {
  const tl = createTimeline(echo);
  it('links fd, address and the accepted child of the listener', () => {
    const server = tl.sockets.filter((s) => s.host === 'server');
    const listener = server.find((s) => s.listener)!;
    expect(listener).toMatchObject({ fd: 3, local: '10.0.0.2:80', name: 'ls' });
    const child = server.find((s) => s.parent === listener.id)!;
    expect(child).toMatchObject({ fd: 4, name: 'c', local: '10.0.0.2:80', remote: '10.0.0.1:40000' });
    const client = tl.sockets.filter((s) => s.host === 'client');
    expect(client).toHaveLength(1);
    expect(client[0]).toMatchObject({ fd: 3, name: 's', local: '10.0.0.1:40000', remote: '10.0.0.2:80' });
  });

  it('the SYN goes to the listener, the SYN-ACK comes from the new child', () => {
    const listener = tl.sockets.find((s) => s.listener)!;
    const child = tl.sockets.find((s) => s.parent === listener.id)!;
    const [syn, synack] = tl.flights;
    expect(syn.toSock).toBe(listener.id);
    expect(synack.fromSock).toBe(child.id);
  });
});

describe('viewAt', () => {
  const tl = createTimeline(echo);

  it('cursor 0 is before anything happened', () => {
    const v = tl.viewAt(0);
    expect(v).toMatchObject({ cursor: 0, t: 0, step: null, inFlight: [], timers: [], transitions: [] });
    expect(v.programs.every((p) => p.status === 'waiting')).toBe(true);
  });

  it('after connect() the SYN is in flight, the RTO runs and connect blocks for the handshake', () => {
    const k = stepAt(tl, (r) => r.type === 'segment' && r.event === 'send' && r.note === 'syn');
    const v = tl.viewAt(k + 1);
    expect(v.inFlight.map((f) => f.flight.id)).toEqual([1]);
    expect(v.timers.map((t) => t.timer)).toEqual(['rto']);
    const client = v.programs.find((p) => p.host === 'client')!;
    expect(client.status).toBe('blocked');
    expect(client.block?.waitingFor).toBe('handshake');
    expect(v.sockets.find((s) => s.info.host === 'client')!.state).toBe('SYN_SENT');
  });

  it('when the SYN-ACK arrives the client is ESTABLISHED and the transition is reported', () => {
    const k = stepAt(tl, (r) => r.type === 'segment' && r.event === 'deliver' && r.note === 'syn-ack');
    const v = tl.viewAt(k + 1);
    const c = v.sockets.find((s) => s.info.host === 'client')!;
    expect(c.state).toBe('ESTABLISHED');
    expect(c.changedNow).toBe(true);
    expect(v.transitions.map((x) => `${x.from}>${x.to}`)).toEqual(['SYN_SENT>ESTABLISHED']);
    expect(v.timers.find((t) => t.host === 'client')).toBeUndefined();
    expect(v.t).toBe(25);
  });

  it('at the end the client waited out TIME_WAIT and every socket is CLOSED except the listener', () => {
    const v = tl.viewAt(tl.length);
    const states = v.sockets.map((s) => `${s.info.host}:${s.state}`).sort();
    expect(states).toEqual(['client:CLOSED', 'server:CLOSED', 'server:LISTEN']);
    expect(v.programs.map((p) => p.status)).toEqual(['ended', 'ended']);
  });

  it('a timer reports how far it has run at the cursor time', () => {
    const k = stepAt(tl, (r) => r.type === 'segment' && r.event === 'deliver' && r.id === 1);
    const v = tl.viewAt(k + 1);
    const rto = v.timers.find((t) => t.host === 'client' && t.timer === 'rto')!;
    expect(rto.progress).toBeCloseTo((15 - 5) / 1000);
  });

  it('seeking with checkpoints gives exactly the view of a straight fold, at every cursor', () => {
    const dense = createTimeline(echo, 3);
    const straight = createTimeline(echo, 1_000_000);
    for (let c = 0; c <= straight.length; c++) {
      expect(JSON.stringify(dense.viewAt(c))).toBe(JSON.stringify(straight.viewAt(c)));
    }
  });

  it('a packet in flight reports time progress', () => {
    const k = stepAt(tl, (r) => r.type === 'return' && r.op === 'connect');
    const v = tl.viewAt(k + 1);
    for (const f of v.inFlight) {
      expect(f.progress).toBeGreaterThanOrEqual(0);
      expect(f.progress).toBeLessThanOrEqual(1);
    }
  });
});

describe('loss, duplicates and UDP', () => {
  it('a dropped SYN ends as a drop and its retransmission is marked', () => {
    const tl = createTimeline(buildLostSynTrace().trace);
    const [first, second] = tl.flights;
    expect(first).toMatchObject({ fate: 'drop', retransmit: false });
    expect(second).toMatchObject({ fate: 'deliver', retransmit: true });
    const kinds = buildMarkers(tl).map((m) => m.kind);
    expect(kinds).toContain('drop');
    expect(kinds).toContain('retransmit');
  });

  it('a duplicated datagram is a second flight, copy 1, delivered separately', () => {
    const tl = createTimeline(buildUdpTrace().trace);
    expect(tl.flights.map((f) => [f.kind, f.copy, f.fate])).toEqual([['datagram', 0, 'deliver'], ['datagram', 1, 'deliver']]);
    const server = tl.sockets.find((s) => s.host === 'server')!;
    const client = tl.sockets.find((s) => s.host === 'client')!;
    expect(server.local).toBe('10.0.0.2:53');
    expect(client.local).toBe('10.0.0.1:50000');
    expect(tl.flights[0]).toMatchObject({ fromSock: client.id, toSock: server.id });
  });
});

describe('cursor maths', () => {
  it('clamps moves to 0..length', () => {
    expect(stepForward(5, 5)).toBe(5);
    expect(stepBack(0, 5)).toBe(0);
    expect(stepForward(2, 5, 2)).toBe(4);
    expect(cursorAtFraction(0.5, 10)).toBe(5);
    expect(cursorAtFraction(2, 10)).toBe(10);
    expect(createTimeline(echo).viewAt(Number.NaN).cursor).toBe(0);
  });

  it('keeps the cursor when everything seen so far is unchanged by a re-simulation', () => {
    const a = createTimeline(echo);
    const changed = [...echo.slice(0, 40), { ...echo[40], t: echo[40].t + 1 } as TraceRecord, ...echo.slice(41)];
    const b = createTimeline(changed);
    const seen = a.steps.findIndex((s) => s.last >= 39); // the step containing record 39
    const cursor = a.steps[seen].last < 40 ? seen + 1 : seen;
    expect(reconcileCursor(a.trace, a.steps, cursor, b.trace, b.steps)).toBe(cursor);
  });

  it('moves the cursor back to before the first difference if the student had seen it', () => {
    const a = createTimeline(echo);
    const changed = [...echo.slice(0, 40), { ...echo[40], t: echo[40].t + 1 } as TraceRecord, ...echo.slice(41)];
    const b = createTimeline(changed);
    const c = reconcileCursor(a.trace, a.steps, a.length, b.trace, b.steps);
    expect(c).toBeLessThan(a.length);
    expect(b.steps[c - 1].last).toBeLessThan(40);
    expect(b.steps[c].last).toBeGreaterThanOrEqual(40);
  });
});

describe('socket identity from the simulator\'s sid', () => {
  it('one socket keeps one lifeline while its name gains an address and a remote end', () => {
    const trace: TraceRecord[] = [
      { t: 0, type: 'call', host: 'client', op: 'socket', args: { type: 'stream', as: 's' }, id: 1, prog: 0, step: 0 },
      { t: 0, type: 'return', host: 'client', op: 'socket', id: 1, prog: 0, step: 0, result: 3 },
      { t: 0, type: 'buffer', host: 'client', sock: '0.0.0.0:0', sid: 7, sndSize: 10, sndUnsent: 0, sndInFlight: 0, rcvSize: 10, rcvUnread: 0, rcvOutOfOrder: 0, rcvWnd: 10, sndWnd: 0 },
      { t: 1, type: 'call', host: 'client', op: 'connect', args: { sock: 's', to: 'server', port: 80 }, id: 2, prog: 0, step: 1, fd: 3 },
      { t: 1, type: 'state', host: 'client', sock: '10.0.0.1:40000->10.0.0.2:80', sid: 7, from: 'CLOSED', to: 'SYN_SENT' },
      { t: 1, type: 'timer', host: 'client', sock: '10.0.0.1:40000->10.0.0.2:80', sid: 7, timer: 'rto', event: 'set', at: 1001 },
    ];
    const tl = createTimeline(trace);
    expect(tl.sockets).toHaveLength(1);
    expect(tl.sockets[0]).toMatchObject({ fd: 3, local: '10.0.0.1:40000', remote: '10.0.0.2:80' });
    expect(tl.viewAt(tl.length).sockets[0].state).toBe('SYN_SENT');
  });
});

describe('timers in the view', () => {
  it('a timer of a socket that reached CLOSED, or past its deadline without firing, is not shown', () => {
    const b = buildEchoTrace().trace;
    // Variant: the RTOs armed for the FINs (client at 45 ms, server at 55 ms) are never cancelled.
    const trace = b.filter((r) => !(r.type === 'timer' && r.event === 'cancel' && r.t >= 65));
    const tl = createTimeline(trace);
    // At 75 ms the server's socket is CLOSED: its RTO is gone; the client's still runs (due at 265 ms).
    const at75 = tl.viewAt(tl.steps.findIndex((s) => s.t >= 75) + 1);
    expect(at75.timers.map((x) => `${x.host}:${x.timer}`)).toEqual(['client:rto', 'client:time-wait']);
    expect(tl.viewAt(tl.length).timers).toEqual([]);
  });

  it('a state timer ends with its state: no FIN_WAIT_2 timeout once the socket is in TIME_WAIT', async () => {
    const { simulate } = await import('../../src/sim');
    const { builtinScenario } = await import('../../src/scenarios/builtin');
    for (const id of ['echo', 'close-client-first']) {
      const tl = createTimeline(simulate(builtinScenario(id)!).trace);
      let seen = 0;
      for (let c = 1; c <= tl.length; c++) {
        const v = tl.viewAt(c);
        for (const tm of v.timers.filter((x) => x.timer === 'fin-wait-2' || x.timer === 'time-wait')) {
          const state = v.sockets.find((s) => s.info.id === tm.sock)?.state;
          expect(state, `${id} step ${c}: ${tm.timer}`).toBe(tm.timer === 'fin-wait-2' ? 'FIN_WAIT_2' : 'TIME_WAIT');
          seen++;
        }
      }
      expect(seen).toBeGreaterThan(0);
    }
  });

  it('a timer past its deadline with no fire record is not shown as running', () => {
    const trace: TraceRecord[] = [
      { t: 0, type: 'call', host: 'a', op: 'sleep', args: { ms: 200 }, id: 1, prog: 0, step: 0 },
      { t: 0, type: 'timer', host: 'a', sock: '10.0.0.1:1', sid: 1, timer: 'rto', event: 'set', at: 100 },
      { t: 0, type: 'block', host: 'a', op: 'sleep', id: 1, prog: 0, step: 0, waitingFor: 'sleep' },
      { t: 200, type: 'return', host: 'a', op: 'sleep', id: 1, prog: 0, step: 0, result: 0 },
    ];
    const tl = createTimeline(trace);
    expect(tl.viewAt(1).timers.map((x) => x.timer)).toEqual(['rto']);
    expect(tl.viewAt(2).timers).toEqual([]);
  });
});
