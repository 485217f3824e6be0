// ICMP destination unreachable for a connection in SYN_SENT, per profile (RFC 1122 §4.2.3.9:
// a soft error, keep retrying; Linux: abort the connect). The simulated network itself never
// sends ICMP about TCP, so the message is injected here as a router would send it.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../src/sim';
import type { Scenario } from '../../../src/scenarios/schema';
import type { Packet } from '../../../src/sim/net/packet';
import type { TraceRecord } from '../../../src/sim/trace/records';

function scenario(profile: 'linux' | 'rfc', to: string, dropFirstSyn: boolean): Scenario {
  return {
    format: 'socketlab-scenario/1', seed: 1, tcp: { profile, synRetries: 2 },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    faults: dropFirstSyn ? [{ drop: { from: 'client', flags: ['SYN'], nth: 1 } }] : [],
    programs: [
      { host: 'server', steps: [
        { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 },
        { op: 'accept', sock: 'l', as: 'c' }, { op: 'recv', sock: 'c', max: 10 },
      ] },
      { host: 'client', steps: [
        { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to, port: 80 }, { op: 'send', sock: 's', data: 'ok' },
      ] },
    ],
  };
}

/** Run with an ICMP unreachable (code 1: host) about the client's first SYN delivered at 500 ms. */
function runWithIcmp(sc: Scenario): TraceRecord[] {
  const sim = createSimulation(sc);
  const client = sim.hosts.get('client')!;
  sim.scheduler.at(500_000, () => {
    const syn = [...sim.network.packets.values()].find((p) => p.tcp && p.src === '10.0.0.1')!;
    const icmp: Packet = { id: 100_000, src: '10.0.0.254', dst: '10.0.0.1', ttl: 64, ipId: 0, df: false, proto: 'icmp', icmp: { type: 3, code: 1, original: syn } };
    client.receive(icmp);
  });
  sim.runUntil(600_000);
  return sim.tracer.records;
}

const connectResult = (t: readonly TraceRecord[]) => t.find((r) => r.type === 'return' && r.op === 'connect');
const synTimes = (t: readonly TraceRecord[]) => t.filter((r) => r.type === 'segment' && r.event === 'send' && r.from === 'client' && r.flags.join() === 'SYN').map((r) => r.t);

describe('ICMP unreachable in SYN_SENT', () => {
  it('linux: aborts connect() at once with EHOSTUNREACH (tcp_v4_err); no more SYNs', () => {
    const t = runWithIcmp(scenario('linux', '10.0.0.99', false));
    expect(connectResult(t)).toMatchObject({ t: 500, error: 'EHOSTUNREACH' });
    expect(synTimes(t)).toEqual([0]);
  });

  it('rfc: a soft error — the SYN is retried; when the retries run out, the ICMP error is reported instead of ETIMEDOUT', () => {
    const t = runWithIcmp(scenario('rfc', '10.0.0.99', false));
    expect(synTimes(t)).toEqual([0, 1000, 3000]);
    expect(connectResult(t)).toMatchObject({ t: 7000, error: 'EHOSTUNREACH' });
  });

  it('rfc: if a retried SYN then succeeds, the soft error is forgotten (send() works, no stale EHOSTUNREACH)', () => {
    const t = runWithIcmp(scenario('rfc', 'server', true));
    expect(connectResult(t)).toMatchObject({ result: 0 });
    expect(t.find((r) => r.type === 'return' && r.op === 'send')).toMatchObject({ result: 2 });
  });

  it('without any ICMP, a SYN to nowhere times out with ETIMEDOUT', () => {
    const sim = createSimulation(scenario('rfc', '10.0.0.99', false));
    sim.runUntil(600_000);
    expect(connectResult(sim.tracer.records)).toMatchObject({ t: 7000, error: 'ETIMEDOUT' });
  });
});
