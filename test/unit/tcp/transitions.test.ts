// RFC 9293's state diagram as a table (xstate `testAll` style): one generated test per row of
// DIAGRAM_TRANSITIONS drives a socket through that transition; then every trace this file and the
// built-in and random lossy scenarios produce is checked to contain no other transition.
// (TcpSocket.setState also throws on a transition outside the table, so any other test that
// drove one would fail too; the last test shows the guard is real.)
import { describe, expect, it } from 'vitest';
import { DIAGRAM_TRANSITIONS, isDiagramTransition } from '../../../src/sim/tcp/transitions';
import { simulate } from '../../../src/sim';
import { BUILTIN_SCENARIOS } from '../../../src/scenarios/builtin';
import type { StateRecord, TcpState, TraceRecord } from '../../../src/sim/trace/records';
import { TcpHarness } from './harness';
import { lossyScenario } from '../sim/scenarioGen';

/** Simultaneous open up to SYN-RECEIVED. */
function simultaneous(): TcpHarness {
  const h = new TcpHarness().synSent();
  h.at(10).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
  return h;
}

/** How to drive a socket through each transition of the diagram, keyed "FROM>TO". */
const DRIVERS: Record<string, () => TcpHarness> = {
  'CLOSED>LISTEN': () => new TcpHarness().listen(),
  'CLOSED>SYN_SENT': () => new TcpHarness().synSent(),
  'LISTEN>SYN_RECEIVED': () => new TcpHarness().synReceived(),
  'LISTEN>CLOSED': () => { const h = new TcpHarness().listen(); h.close(); return h; },
  'SYN_SENT>SYN_RECEIVED': () => simultaneous(),
  'SYN_SENT>ESTABLISHED': () => new TcpHarness().established(),
  'SYN_SENT>CLOSED': () => new TcpHarness().synSent().deliver({ flags: 'RST,ACK', seq: 0, ack: 1 }),
  'SYN_RECEIVED>ESTABLISHED': () => new TcpHarness().synReceived().deliver({ flags: 'ACK', seq: 0, ack: 1 }),
  'SYN_RECEIVED>FIN_WAIT_1': () => { const h = simultaneous(); h.close(); return h; },
  'SYN_RECEIVED>CLOSED': () => new TcpHarness().synReceived().deliver({ flags: 'RST', seq: 0 }),
  'ESTABLISHED>FIN_WAIT_1': () => new TcpHarness().finWait1(),
  'ESTABLISHED>CLOSE_WAIT': () => new TcpHarness().closeWait(),
  'ESTABLISHED>CLOSED': () => new TcpHarness().established().deliver({ flags: 'RST', seq: 0 }),
  'FIN_WAIT_1>FIN_WAIT_2': () => new TcpHarness().finWait2(),
  'FIN_WAIT_1>CLOSING': () => new TcpHarness().closing(),
  'FIN_WAIT_1>TIME_WAIT': () => new TcpHarness().finWait1().deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 }),
  'FIN_WAIT_1>CLOSED': () => new TcpHarness().finWait1().deliver({ flags: 'RST', seq: 0 }),
  'FIN_WAIT_2>TIME_WAIT': () => new TcpHarness().timeWait(),
  'FIN_WAIT_2>CLOSED': () => new TcpHarness().finWait2().at(60_000),
  'CLOSE_WAIT>LAST_ACK': () => new TcpHarness().lastAck(),
  'CLOSE_WAIT>CLOSED': () => new TcpHarness().closeWait().deliver({ flags: 'RST', seq: 1 }),
  'CLOSING>TIME_WAIT': () => new TcpHarness().closing().deliver({ flags: 'ACK', seq: 1, ack: 2 }),
  'CLOSING>CLOSED': () => new TcpHarness().closing().deliver({ flags: 'RST', seq: 1 }),
  'LAST_ACK>CLOSED': () => new TcpHarness().lastAck().deliver({ flags: 'ACK', seq: 1, ack: 2 }),
  'TIME_WAIT>CLOSED': () => new TcpHarness().timeWait().at(60_000),
};

const observed = new Set<string>();
const traces: TraceRecord[][] = [];

function keysOf(trace: readonly TraceRecord[]): string[] {
  return trace.filter((r): r is StateRecord => r.type === 'state').map((r) => `${r.from}>${r.to}`);
}

describe("RFC 9293 §3.3.2 state diagram: every transition happens", () => {
  it.each(DIAGRAM_TRANSITIONS.map((t) => [`${t.from} → ${t.to} (${t.on})`, `${t.from}>${t.to}`]))('%s', (_name, key) => {
    const drive = DRIVERS[key];
    expect(drive, `no driver for ${key}`).toBeDefined();
    const h = drive();
    const [from, to] = key.split('>');
    expect(h.stateChanges()).toContainEqual([from, to]);
    expect(h.state).toBe(to);
    traces.push(h.tracer.records);
  });

  it('every driver is a row of the table (no driver for a transition the diagram lacks)', () => {
    for (const key of Object.keys(DRIVERS)) expect(DIAGRAM_TRANSITIONS.some((t) => `${t.from}>${t.to}` === key), key).toBe(true);
  });
});

describe('no other transition ever occurs', () => {
  it('in the built-in scenarios', () => {
    for (const b of BUILTIN_SCENARIOS) traces.push(simulate(b.scenario).trace);
  });

  it('in random lossy runs (loss, duplication, reordering, jitter; both profiles; both close orders)', () => {
    for (let seed = 1; seed <= 40; seed++) traces.push(simulate(lossyScenario(seed)).trace);
  });

  it('every state change of every trace above is an edge of the diagram, and together they cover it', () => {
    for (const t of traces) for (const k of keysOf(t)) observed.add(k);
    for (const k of observed) {
      const [from, to] = k.split('>') as [TcpState, TcpState];
      expect(isDiagramTransition(from, to), k).toBe(true);
    }
    expect([...observed].sort()).toEqual(DIAGRAM_TRANSITIONS.map((t) => `${t.from}>${t.to}`).sort());
  });

  it('the guard: a transition outside the table throws (so no test anywhere can produce one silently)', () => {
    const h = new TcpHarness().listen();
    expect(() => h.sock.setState('ESTABLISHED', 'test')).toThrow(/not a transition of RFC 9293's diagram/);
  });
});
