// Whole-system TCP cases through the public API: simultaneous open and close between two
// programs, and connect() on a socket after a failed or a finished connection (Linux semantics).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import type { Scenario, Step } from '../../../src/scenarios/schema';
import { returns, statePaths, wire } from './traceHelpers';

function run(a: Step[], b: Step[]): ReturnType<typeof simulate> {
  const sc: Scenario = {
    format: 'socketlab-scenario/1', seed: 5,
    hosts: { a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } },
    programs: [{ host: 'a', steps: a }, { host: 'b', steps: b }],
  };
  return simulate(sc);
}

const peer = (me: number, other: string, otherPort: number, rest: Step[]): Step[] => [
  { op: 'socket', type: 'stream', as: 's' },
  { op: 'bind', sock: 's', port: me },
  { op: 'connect', sock: 's', to: other, port: otherPort },
  ...rest,
];

describe('simultaneous open (RFC 9293 §3.5 Figure 8)', () => {
  it('both SYNs cross: each side goes SYN_SENT → SYN_RECEIVED → ESTABLISHED and connect() returns 0 on both', () => {
    const r = run(peer(1000, 'b', 2000, []), peer(2000, 'a', 1000, []));
    expect(returns(r.trace)).toEqual(expect.arrayContaining(['a connect → 0', 'b connect → 0']));
    for (const path of Object.values(statePaths(r.trace))) expect(path.slice(0, 4)).toEqual(['CLOSED', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    // SYNs cross, SYN,ACKs cross, and each acknowledges the other's (duplicate) SYN,ACK as Linux does.
    expect(wire(r.trace).sort()).toEqual([
      'a>b ACK seq=1 ack=1 len=0', 'a>b ACK,SYN seq=0 ack=1 len=0', 'a>b SYN seq=0 ack=0 len=0',
      'b>a ACK seq=1 ack=1 len=0', 'b>a ACK,SYN seq=0 ack=1 len=0', 'b>a SYN seq=0 ack=0 len=0',
    ]);
  });
});

describe('simultaneous close (RFC 9293 §3.6 Figure 13)', () => {
  it('both FINs cross: each side goes FIN_WAIT_1 → CLOSING → TIME_WAIT → CLOSED', () => {
    const r = run(
      peer(1000, 'b', 2000, [{ op: 'sleep', ms: 100 }, { op: 'close', sock: 's' }]),
      peer(2000, 'a', 1000, [{ op: 'sleep', ms: 100 }, { op: 'close', sock: 's' }]),
    );
    for (const path of Object.values(statePaths(r.trace))) {
      expect(path.slice(-4)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED']);
    }
    expect(r.truncated).toBe(false);
  });
});

describe('connect() again on the same socket', () => {
  const server: Step[] = [
    { op: 'sleep', ms: 50 },
    { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 },
    { op: 'accept', sock: 'l', as: 'c' }, { op: 'close', sock: 'c' },
  ];

  it('after ECONNREFUSED the socket is disconnected: recv() ENOTCONN, and a new connect() works (Linux tcp_disconnect)', () => {
    const r = run([
      { op: 'socket', type: 'stream', as: 's' },
      { op: 'connect', sock: 's', to: 'b', port: 80 },
      { op: 'recv', sock: 's', max: 10 },
      { op: 'sleep', ms: 100 },
      { op: 'connect', sock: 's', to: 'b', port: 80 },
    ], server);
    expect(returns(r.trace, 'a')).toEqual(['a socket → 3', 'a connect → ECONNREFUSED', 'a recv → ENOTCONN', 'a sleep → 0', 'a connect → 0']);
  });

  it('after a connection ended (reset or closed), connect() fails with EISCONN (Linux keeps SS_CONNECTED)', () => {
    const r = run([
      { op: 'sleep', ms: 60 },
      { op: 'socket', type: 'stream', as: 's' },
      { op: 'connect', sock: 's', to: 'b', port: 80 },
      { op: 'recv', sock: 's', max: 10 },
      { op: 'connect', sock: 's', to: 'b', port: 80 },
    ], server);
    expect(returns(r.trace, 'a')).toEqual(['a sleep → 0', 'a socket → 3', 'a connect → 0', 'a recv → ""', 'a connect → EISCONN']);
  });
});

describe('shutdown() on a listener (Linux inet_shutdown; checked with Python on loopback)', () => {
  const listener = (how: 'rd' | 'wr' | 'rdwr'): Step[] => [
    { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 },
    { op: 'shutdown', sock: 'l', how }, { op: 'accept', sock: 'l', as: 'c' },
  ];
  const client: Step[] = [{ op: 'sleep', ms: 10 }, { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'a', port: 80 }];

  it('SHUT_WR returns 0 and changes nothing: the listener still accepts', () => {
    const r = run(listener('wr'), client);
    expect(returns(r.trace, 'a')).toEqual(['a socket → 3', 'a bind → 0', 'a listen → 0', 'a shutdown → 0', 'a accept → 4']);
    expect(returns(r.trace, 'b')).toContain('b connect → 0');
  });

  it('SHUT_RDWR returns 0 and stops listening: LISTEN → CLOSED, accept() EINVAL, a new connect() is refused', () => {
    const r = run(listener('rdwr'), client);
    expect(returns(r.trace, 'a')).toEqual(['a socket → 3', 'a bind → 0', 'a listen → 0', 'a shutdown → 0', 'a accept → EINVAL']);
    expect(returns(r.trace, 'b')).toContain('b connect → ECONNREFUSED');
    expect(Object.values(statePaths(r.trace)).some((p) => p.join(' ') === 'CLOSED LISTEN CLOSED')).toBe(true);
  });
});
