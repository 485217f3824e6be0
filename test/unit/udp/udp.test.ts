// UDP through the public API (RFC 768, RFC 1122 §4.1.3): datagram boundaries, truncation to the
// read size, receive-buffer overflow, ICMP port unreachable reported per profile, connected and
// unconnected sockets, EMSGSIZE. Linux behaviour checked with Python on Linux 6.18 (loopback):
// an unconnected socket never sees the ICMP error (recvfrom → EAGAIN), a connected one gets
// ECONNREFUSED once on the next call; recvfrom(2) of "hello" gives "he" and the rest is lost;
// send() without an address is EDESTADDRREQ; 65508 bytes is EMSGSIZE, 65507 is fine.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import type { Scenario, Step } from '../../../src/scenarios/schema';
import { isRecvResult, type TraceRecord } from '../../../src/sim/trace/records';

function run(server: Step[], client: Step[], opts: { profile?: 'linux' | 'rfc'; third?: Step[] } = {}): TraceRecord[] {
  const sc: Scenario = {
    format: 'socketlab-scenario/1', seed: 3,
    tcp: { profile: opts.profile ?? 'linux' },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' }, other: { ip: '10.0.0.3' } },
    programs: [
      { host: 'server', steps: server },
      { host: 'client', steps: client },
      ...(opts.third ? [{ host: 'other', steps: opts.third }] : []),
    ],
  };
  return simulate(sc).trace;
}

/** Return values on a host: data for reads, the errno, or the number. */
function results(trace: readonly TraceRecord[], host: string, op?: string): unknown[] {
  return trace.filter((r) => r.type === 'return' && r.host === host && (!op || r.op === op)).map((r) => {
    if (r.type !== 'return') return null;
    if (r.error) return r.error;
    return isRecvResult(r.result) ? r.result.data : r.result;
  });
}

const udpServer = (port: number, reads: number, max = 100, extra: Step[] = []): Step[] => [
  { op: 'socket', type: 'dgram', as: 'u' },
  ...extra,
  { op: 'bind', sock: 'u', port },
  ...Array.from({ length: reads }, () => ({ op: 'recvfrom', sock: 'u', max }) as Step),
];

describe('UDP datagrams', () => {
  it('keep their boundaries: three sendto() → three recvfrom(), never merged (RFC 768)', () => {
    const trace = run(udpServer(9000, 3), [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'a' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'bc' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'def' },
    ]);
    expect(results(trace, 'server', 'recvfrom')).toEqual(['a', 'bc', 'def']);
    expect(trace.filter((r) => r.type === 'datagram' && r.event === 'send').map((r) => r.type === 'datagram' && r.len)).toEqual([1, 2, 3]);
  });

  it('recvfrom() reports the sender address', () => {
    const trace = run(udpServer(9000, 1), [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' }, { op: 'bind', sock: 'c', port: 5555 },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'x' },
    ]);
    const r = trace.find((x) => x.type === 'return' && x.op === 'recvfrom');
    expect(r && r.type === 'return' && isRecvResult(r.result) && r.result.from).toBe('10.0.0.1:5555');
  });

  it('a read shorter than the datagram truncates it; the rest is lost, the next read gets the next datagram', () => {
    const trace = run(udpServer(9000, 2, 2), [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'hello' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'ab' },
    ]);
    expect(results(trace, 'server', 'recvfrom')).toEqual(['he', 'ab']);
  });

  it('datagrams that do not fit the receive buffer are dropped (reason "rcvbuf")', () => {
    const server: Step[] = [
      { op: 'socket', type: 'dgram', as: 'u' },
      { op: 'setsockopt', sock: 'u', name: 'SO_RCVBUF', value: 10 },
      { op: 'setsockopt', sock: 'u', name: 'O_NONBLOCK', value: 1 },
      { op: 'bind', sock: 'u', port: 9000 },
      { op: 'sleep', ms: 100 },
      { op: 'recvfrom', sock: 'u', max: 100 }, { op: 'recvfrom', sock: 'u', max: 100 }, { op: 'recvfrom', sock: 'u', max: 100 },
    ];
    const client: Step[] = [{ op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' }];
    for (const d of ['1111', '2222', '3333', '4444']) client.push({ op: 'sendto', sock: 'c', to: 'server', port: 9000, data: d });
    const trace = run(server, client);
    expect(results(trace, 'server', 'recvfrom')).toEqual(['1111', '2222', 'EAGAIN']);
    expect(trace.filter((r) => r.type === 'datagram' && r.event === 'drop').map((r) => r.type === 'datagram' && r.reason)).toEqual(['rcvbuf', 'rcvbuf']);
  });

  it('sendto() of 65508 bytes fails with EMSGSIZE; 65507 bytes (the IPv4 maximum) is sent', () => {
    const trace = run(udpServer(9000, 1, 70000), [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: { bytes: 65508 } },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: { bytes: 65507 } },
    ]);
    expect(results(trace, 'client', 'sendto')).toEqual(['EMSGSIZE', 65507]);
    const got = trace.find((r) => r.type === 'return' && r.op === 'recvfrom');
    expect(got && got.type === 'return' && isRecvResult(got.result) && got.result.bytes).toBe(65507);
  });

  it('send() on an unconnected socket fails with EDESTADDRREQ', () => {
    const trace = run([], [{ op: 'socket', type: 'dgram', as: 'c' }, { op: 'send', sock: 'c', data: 'x' }]);
    expect(results(trace, 'client', 'send')).toEqual(['EDESTADDRREQ']);
  });
});

describe('ICMP port unreachable (RFC 1122 §4.1.3.1, §4.1.3.3)', () => {
  const toClosedPort = (connected: boolean): Step[] => [
    { op: 'socket', type: 'dgram', as: 'c' },
    { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: 1 },
    ...(connected
      ? [{ op: 'connect', sock: 'c', to: 'server', port: 9 } as Step, { op: 'send', sock: 'c', data: 'x' } as Step]
      : [{ op: 'sendto', sock: 'c', to: 'server', port: 9, data: 'x' } as Step]),
    { op: 'sleep', ms: 100 },
    { op: 'recvfrom', sock: 'c', max: 10 },
    { op: 'recvfrom', sock: 'c', max: 10 },
  ];

  it('a datagram to a port nobody bound is answered with ICMP port unreachable about it', () => {
    const trace = run([], toClosedPort(false));
    const dgram = trace.find((r) => r.type === 'datagram' && r.event === 'send');
    const icmp = trace.filter((r) => r.type === 'icmp' && r.event === 'send');
    expect(icmp).toHaveLength(1);
    expect(icmp[0]).toMatchObject({ kind: 'port-unreachable', from: 'server', to: 'client', about: dgram!.type === 'datagram' && dgram!.id });
  });

  it('linux: an unconnected socket is not told (recvfrom → EAGAIN)', () => {
    expect(results(run([], toClosedPort(false)), 'client', 'recvfrom')).toEqual(['EAGAIN', 'EAGAIN']);
  });

  it('linux: a connected socket gets ECONNREFUSED once, on its next call', () => {
    expect(results(run([], toClosedPort(true)), 'client', 'recvfrom')).toEqual(['ECONNREFUSED', 'EAGAIN']);
  });

  it('rfc: every socket is told, connected or not (RFC 1122 §4.1.3.3)', () => {
    expect(results(run([], toClosedPort(false), { profile: 'rfc' }), 'client', 'recvfrom')).toEqual(['ECONNREFUSED', 'EAGAIN']);
    expect(results(run([], toClosedPort(true), { profile: 'rfc' }), 'client', 'recvfrom')).toEqual(['ECONNREFUSED', 'EAGAIN']);
  });

  it('linux: a pending error is reported before a queued datagram (ECONNREFUSED, then the data, then EAGAIN; checked with Python)', () => {
    const trace = run([
      { op: 'socket', type: 'dgram', as: 'u' }, { op: 'bind', sock: 'u', port: 9000 },
      { op: 'sleep', ms: 10 },
      { op: 'sendto', sock: 'u', to: 'client', port: 5000, data: 'data' }, { op: 'close', sock: 'u' },
    ], [
      { op: 'socket', type: 'dgram', as: 'c' }, { op: 'bind', sock: 'c', port: 5000 },
      { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: 1 },
      { op: 'connect', sock: 'c', to: 'server', port: 9000 },
      { op: 'sleep', ms: 50 }, { op: 'send', sock: 'c', data: 'x' }, { op: 'sleep', ms: 50 },
      { op: 'recv', sock: 'c', max: 10 }, { op: 'recv', sock: 'c', max: 10 }, { op: 'recv', sock: 'c', max: 10 },
    ]);
    expect(results(trace, 'client', 'recv')).toEqual(['ECONNREFUSED', 'data', 'EAGAIN']);
  });

  it('linux: after the error a connected socket sends again normally (ECONNREFUSED, then success)', () => {
    const trace = run([], [
      { op: 'socket', type: 'dgram', as: 'c' }, { op: 'connect', sock: 'c', to: 'server', port: 9 },
      { op: 'send', sock: 'c', data: 'x' }, { op: 'sleep', ms: 100 },
      { op: 'send', sock: 'c', data: 'y' }, { op: 'send', sock: 'c', data: 'z' },
    ]);
    expect(results(trace, 'client', 'send')).toEqual([1, 'ECONNREFUSED', 1]);
  });
});

describe('connected UDP sockets', () => {
  it('only take datagrams from their peer; others get ICMP port unreachable', () => {
    const server: Step[] = [
      { op: 'socket', type: 'dgram', as: 'u' }, { op: 'bind', sock: 'u', port: 9000 },
      { op: 'connect', sock: 'u', to: 'client', port: 5555 },
      { op: 'recvfrom', sock: 'u', max: 100 },
    ];
    const client: Step[] = [
      { op: 'sleep', ms: 50 }, { op: 'socket', type: 'dgram', as: 'c' }, { op: 'bind', sock: 'c', port: 5555 },
      { op: 'sendto', sock: 'c', to: 'server', port: 9000, data: 'from the peer' },
    ];
    const third: Step[] = [
      { op: 'sleep', ms: 10 }, { op: 'socket', type: 'dgram', as: 'o' },
      { op: 'sendto', sock: 'o', to: 'server', port: 9000, data: 'from a stranger' },
    ];
    const trace = run(server, client, { third });
    expect(results(trace, 'server', 'recvfrom')).toEqual(['from the peer']);
    expect(trace.filter((r) => r.type === 'icmp' && r.event === 'send').map((r) => r.type === 'icmp' && r.to)).toEqual(['other']);
  });

  it('send() on a connected socket goes to its peer without an address', () => {
    const trace = run(udpServer(9000, 1), [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'dgram', as: 'c' },
      { op: 'connect', sock: 'c', to: 'server', port: 9000 }, { op: 'send', sock: 'c', data: 'hi' },
    ]);
    expect(results(trace, 'server', 'recvfrom')).toEqual(['hi']);
  });
});
