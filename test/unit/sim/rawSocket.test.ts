// Raw ICMP sockets (SOCK_RAW, IPPROTO_ICMP; Linux raw(7)): a copy of every ICMP message the host
// receives, as the whole IPv4 packet; the kernel's own ICMP handling is unchanged.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import { parseScenario } from '../../../src/scenarios/schema';
import { isRecvResult, type TraceRecord } from '../../../src/sim/trace/records';
import { returns } from './traceHelpers';

const base = { format: 'socketlab-scenario/1', seed: 7 } as const;
const hosts = { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } };

function run(s: unknown) {
  const v = parseScenario(s);
  if (!v.ok) throw new Error(v.error.message);
  return simulate(v.scenario);
}

/** A UDP client sends to a closed port (→ ICMP port unreachable). One send: a connected socket,
 *  whose recv then reports ECONNREFUSED; several: sendto on an unconnected socket (Linux reports
 *  no ICMP error to it, so every sendto succeeds and provokes one ICMP message). */
function scenario(rawSteps: unknown[], opts: { withRaw?: boolean; sends?: number } = {}) {
  const sends = opts.sends ?? 1;
  const udp: unknown[] = sends === 1
    ? [{ op: 'socket', type: 'dgram', as: 'u' }, { op: 'connect', sock: 'u', to: 'server', port: 9999 },
        { op: 'send', sock: 'u', data: 'ping' }, { op: 'recv', sock: 'u', max: 100 }]
    : [{ op: 'socket', type: 'dgram', as: 'u' },
        ...Array.from({ length: sends }, () => [{ op: 'sendto', sock: 'u', to: 'server', port: 9999, data: 'ping' }, { op: 'sleep', ms: 50 }]).flat()];
  const programs: unknown[] = [{ host: 'client', steps: udp }];
  if (opts.withRaw !== false) programs.push({ host: 'client', steps: rawSteps });
  return { ...base, hosts, programs };
}

const recvs = (trace: readonly TraceRecord[]) => trace.filter((r) => r.type === 'return' && r.op === 'recvfrom' && r.host === 'client');

describe('raw ICMP sockets', () => {
  it('the schema accepts type "raw" and rejects other types', () => {
    expect(parseScenario(scenario([{ op: 'socket', type: 'raw', as: 'r' }])).ok).toBe(true);
    expect(parseScenario(scenario([{ op: 'socket', type: 'icmp', as: 'r' }])).ok).toBe(false);
  });

  it('recvfrom blocks until an ICMP message arrives and returns the whole IPv4 packet', () => {
    const r = run(scenario([{ op: 'socket', type: 'raw', as: 'r' }, { op: 'recvfrom', sock: 'r', max: 1500 }, { op: 'close', sock: 'r' }]));
    const blocks = r.trace.filter((x) => x.type === 'block' && x.host === 'client' && x.waitingFor === 'datagram');
    expect(blocks.length).toBeGreaterThan(0);
    const [ret] = recvs(r.trace);
    expect(ret.type === 'return' && isRecvResult(ret.result)).toBe(true);
    if (ret.type !== 'return' || !isRecvResult(ret.result)) return;
    const res = ret.result;
    // 20 (IP) + 8 (ICMP header) + 20 (original IP header) + 8 (original UDP header).
    expect(res.bytes).toBe(56);
    expect(res.from).toBe('10.0.0.2');
    expect(res.hex).toBeDefined();
    const hex = res.hex!;
    expect(hex.slice(0, 2)).toBe('45'); // IPv4, IHL 5
    expect(parseInt(hex.slice(18, 20), 16)).toBe(1); // protocol ICMP
    expect(hex.slice(40, 44)).toBe('0303'); // type 3 code 3: port unreachable
    // The socket call records name the socket.
    const sock = r.trace.find((x) => x.type === 'return' && x.op === 'socket' && x.host === 'client' && x.sid !== undefined && x.prog === 1);
    expect(sock).toBeDefined();
    expect(returns(r.trace, 'client')).toContain('client close → 0');
  });

  it('the kernel still reports the ICMP error to the UDP socket (a raw socket only gets a copy)', () => {
    const withRaw = run(scenario([{ op: 'socket', type: 'raw', as: 'r' }, { op: 'recvfrom', sock: 'r', max: 1500 }]));
    const without = run(scenario([], { withRaw: false }));
    const udpReturns = (t: readonly TraceRecord[]) => t.filter((x) => x.type === 'return' && x.prog === 0).map((x) => x.type === 'return' ? `${x.op} ${x.error ?? ''}` : '');
    expect(udpReturns(withRaw.trace)).toEqual(udpReturns(without.trace));
    expect(udpReturns(without.trace)).toContain('recv ECONNREFUSED');
    const wire = (t: readonly TraceRecord[]) => t.filter((x) => x.type === 'icmp' || x.type === 'datagram').map((x) => JSON.stringify(x));
    expect(wire(withRaw.trace)).toEqual(wire(without.trace));
  });

  it('every raw socket of the host gets its own copy, in arrival order', () => {
    const r = run(scenario([
      { op: 'socket', type: 'raw', as: 'a' }, { op: 'socket', type: 'raw', as: 'b' },
      { op: 'sleep', ms: 500 },
      { op: 'recvfrom', sock: 'a', max: 1500 }, { op: 'recvfrom', sock: 'a', max: 1500 },
      { op: 'recvfrom', sock: 'b', max: 1500 }, { op: 'recvfrom', sock: 'b', max: 1500 },
    ], { sends: 2 }));
    const hexes = recvs(r.trace).map((x) => (x.type === 'return' && isRecvResult(x.result) ? x.result.hex : undefined));
    expect(hexes).toHaveLength(4);
    expect(hexes.every((h) => h !== undefined && h.length === 112)).toBe(true);
    expect(hexes[0]).toBe(hexes[2]);
    expect(hexes[1]).toBe(hexes[3]);
    expect(hexes[0]).not.toBe(hexes[1]); // different IP ids: the first one first
  });

  it('non-blocking: EAGAIN when nothing is queued', () => {
    const r = run(scenario([
      { op: 'socket', type: 'raw', as: 'r' }, { op: 'setsockopt', sock: 'r', name: 'O_NONBLOCK', value: 1 },
      { op: 'recvfrom', sock: 'r', max: 1500 },
    ]));
    expect(recvs(r.trace).map((x) => x.type === 'return' && x.error)).toEqual(['EAGAIN']);
  });

  it('the queue is bounded by the receive buffer: overflow is dropped', () => {
    const r = run(scenario([
      { op: 'socket', type: 'raw', as: 'r' }, { op: 'setsockopt', sock: 'r', name: 'SO_RCVBUF', value: 100 },
      { op: 'setsockopt', sock: 'r', name: 'O_NONBLOCK', value: 1 },
      { op: 'sleep', ms: 500 },
      { op: 'recvfrom', sock: 'r', max: 1500 }, { op: 'recvfrom', sock: 'r', max: 1500 }, { op: 'recvfrom', sock: 'r', max: 1500 },
    ], { sends: 3 }));
    expect(recvs(r.trace).map((x) => (x.type === 'return' ? x.error ?? 'ok' : ''))).toEqual(['ok', 'EAGAIN', 'EAGAIN']);
  });

  it('sending is not modelled: sendto → EOPNOTSUPP; a short read truncates', () => {
    const r = run(scenario([
      { op: 'socket', type: 'raw', as: 'r' }, { op: 'sendto', sock: 'r', to: 'server', port: 0, data: 'x' },
      { op: 'recvfrom', sock: 'r', max: 20 },
    ]));
    expect(returns(r.trace, 'client')).toContain('client sendto → EOPNOTSUPP');
    const [ret] = recvs(r.trace);
    expect(ret.type === 'return' && isRecvResult(ret.result) && ret.result.bytes).toBe(20);
  });

  it('is deterministic', () => {
    const s = scenario([{ op: 'socket', type: 'raw', as: 'r' }, { op: 'recvfrom', sock: 'r', max: 1500 }], { sends: 2 });
    expect(JSON.stringify(run(s).trace)).toBe(JSON.stringify(run(s).trace));
  });
});
