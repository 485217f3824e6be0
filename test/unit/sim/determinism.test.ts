// Determinism: the same scenario and seed give a byte-identical trace (and the same packets),
// also with loss, jitter, duplication and reordering; a different seed gives a different run.
import { describe, expect, it } from 'vitest';
import { createSimulation, simulate } from '../../../src/sim';
import { BUILTIN_SCENARIOS } from '../../../src/scenarios/builtin';
import type { Scenario } from '../../../src/scenarios/schema';
import { lossyScenario } from './scenarioGen';

/** Packets as JSON, payload bytes included. */
function packetsJson(packets: Map<number, unknown>): string {
  return JSON.stringify([...packets], (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}

function withSeed(s: Scenario, seed: number): Scenario {
  return { ...structuredClone(s), seed };
}

describe('determinism', () => {
  it('every built-in scenario: two runs give byte-identical traces and packets', () => {
    for (const b of BUILTIN_SCENARIOS) {
      const a = simulate(b.scenario);
      const c = simulate(structuredClone(b.scenario));
      expect(JSON.stringify(c.trace), b.id).toBe(JSON.stringify(a.trace));
      expect(packetsJson(c.packets), b.id).toBe(packetsJson(a.packets));
    }
  });

  it('lossy runs (loss, duplication, reordering, jitter): byte-identical traces for the same seed', () => {
    for (let seed = 100; seed < 120; seed++) {
      const sc = lossyScenario(seed);
      const a = JSON.stringify(simulate(sc).trace);
      expect(JSON.stringify(simulate(structuredClone(sc)).trace), `seed ${seed}`).toBe(a);
    }
  });

  it('a different seed changes the trace (ISNs, ports, losses)', () => {
    const sc = lossyScenario(7);
    const a = JSON.stringify(simulate(sc).trace);
    expect(JSON.stringify(simulate(withSeed(sc, 8)).trace)).not.toBe(a);
    const echo = BUILTIN_SCENARIOS.find((b) => b.id === 'echo')!.scenario;
    expect(JSON.stringify(simulate(withSeed(echo, 2)).trace)).not.toBe(JSON.stringify(simulate(withSeed(echo, 1)).trace));
  });

  it('no hidden shared state: two simulations stepped alternately give the traces each gives alone', () => {
    const s1 = lossyScenario(31);
    const s2 = lossyScenario(32);
    const alone1 = JSON.stringify(simulate(s1).trace);
    const alone2 = JSON.stringify(simulate(s2).trace);
    const a = createSimulation(s1);
    const b = createSimulation(s2);
    let more = true;
    while (more) {
      const m1 = a.step();
      const m2 = b.step();
      more = m1 || m2;
    }
    expect(JSON.stringify(a.tracer.records)).toBe(alone1);
    expect(JSON.stringify(b.tracer.records)).toBe(alone2);
  });

  it('adding an idle host does not shift the random draws of the client–server links', () => {
    const sc = lossyScenario(41);
    const more: Scenario = { ...structuredClone(sc), hosts: { ...sc.hosts, idle: { ip: '10.0.0.9' } } };
    const segs = (s: Scenario) => JSON.stringify(simulate(s).trace.filter((r) => r.type === 'segment'));
    expect(segs(more)).toBe(segs(sc));
  });
});
