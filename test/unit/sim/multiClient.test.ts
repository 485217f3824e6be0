// Several clients connecting at once to one listener served by several threads, over a lossy
// network with duplication and reordering, small backlogs (queue overflow, retried SYNs and
// final ACKs) and slow readers: every connection's bytes arrive once and in order at the thread
// that accepted it, every connection ends CLOSED, no program fails.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../src/sim';
import type { Scenario } from '../../../src/scenarios/schema';
import { createRng } from '../../../src/sim/engine/rng';
import { isRecvResult } from '../../../src/sim/trace/records';
import { randomText } from './scenarioGen';

function multiClient(seed: number): { scenario: Scenario; sent: string[] } {
  const rng = createRng(seed, 'multi-client');
  const k = rng.int(1, 5);
  const hosts: Scenario['hosts'] = { server: { ip: '10.0.0.100' } };
  const programs: Scenario['programs'] = [{ host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 80, expect: 'ok' },
    { op: 'listen', sock: 'ls', backlog: rng.int(0, 3), expect: 'ok' },
  ] }];
  const sent: string[] = [];
  for (let i = 0; i < k; i++) {
    programs.push({ host: 'server', steps: [
      { op: 'sleep', ms: 1 }, { op: 'accept', sock: 'ls', as: `c${i}`, expect: 'ok' }, { op: 'sleep', ms: rng.int(0, 3000) },
      { op: 'recv', sock: `c${i}`, max: 1000, until: 'eof' }, { op: 'close', sock: `c${i}` },
    ] });
    hosts[`h${i}`] = { ip: `10.0.0.${i + 1}` };
    const data = randomText(seed * 10 + i, rng.int(0, 5000));
    sent.push(data);
    programs.push({ host: `h${i}`, steps: [
      { op: 'sleep', ms: rng.int(0, 50) }, { op: 'socket', type: 'stream', as: 's' },
      { op: 'connect', sock: 's', to: 'server', port: 80, expect: 'ok' }, { op: 'send', sock: 's', data }, { op: 'close', sock: 's' },
    ] });
  }
  return {
    sent,
    scenario: {
      format: 'socketlab-scenario/1', seed, until: 86_400_000,
      network: { latency: rng.int(1, 30), jitter: rng.int(0, 10), loss: rng.float() * 0.3, duplicate: rng.float() * 0.2, reorder: rng.float() * 0.2 },
      tcp: { profile: rng.chance(0.5) ? 'linux' : 'rfc', delayedAck: rng.chance(0.5), synRetries: 60, synAckRetries: 60, retries: 60, rtoMax: 8000 },
      hosts, programs,
    },
  };
}

describe('many clients, one listener, a lossy network', () => {
  it('each connection delivers its bytes exactly once and in order; all end CLOSED', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffff }), (seed) => {
      const { scenario, sent } = multiClient(seed);
      const r = simulate(scenario);
      expect(r.trace.filter((x) => x.type === 'program' && x.event === 'stopped')).toEqual([]);
      expect(r.truncated).toBe(false);
      // The bytes each accepted socket (by sid) read.
      const callSid = new Map<number, number>();
      for (const x of r.trace) if (x.type === 'call' && x.sid !== undefined) callSid.set(x.id, x.sid);
      const bySid = new Map<number, string>();
      for (const x of r.trace) {
        if (x.type !== 'return' || x.host !== 'server' || x.op !== 'recv' || !isRecvResult(x.result)) continue;
        const sid = callSid.get(x.id)!;
        bySid.set(sid, (bySid.get(sid) ?? '') + x.result.data);
      }
      expect([...bySid.values()].sort()).toEqual([...sent].sort());
      const last = new Map<string, string>();
      for (const x of r.trace) if (x.type === 'state') last.set(`${x.host}/${x.sid}`, x.to);
      expect([...last.values()].filter((s) => s !== 'CLOSED' && s !== 'LISTEN')).toEqual([]);
    }), { numRuns: 40, seed: 4242 });
  }, 60_000);
});
