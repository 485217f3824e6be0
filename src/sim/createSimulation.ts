// Builds a simulated network from a (validated) scenario and runs it. The same scenario and seed
// always give the same trace: time comes only from the Scheduler, randomness only from seeded
// streams, and equal-time events run in the order they were scheduled.
import type { Scenario } from '../scenarios/schema';
import { Scheduler, msToUs } from './engine/scheduler';
import { Tracer } from './trace/tracer';
import type { TraceRecord } from './trace/records';
import { Network } from './net/network';
import { Host } from './net/host';
import type { Packet } from './net/packet';
import { resolveTcpOptions } from './tcp/profiles';
import { ProgramRunner } from './api/programRunner';

/** Default virtual-time limit: 10 minutes. */
export const DEFAULT_UNTIL_MS = 600_000;

export interface Simulation {
  readonly scheduler: Scheduler;
  readonly tracer: Tracer;
  readonly network: Network;
  readonly hosts: ReadonlyMap<string, Host>;
  readonly programs: readonly ProgramRunner[];
  /** Process exactly one event; false when nothing is pending. */
  step(): boolean;
  /** Run every event up to and including virtual time `ms`. */
  runUntil(ms: number): void;
}

export function createSimulation(scenario: Scenario, opts: { onRecord?: (r: TraceRecord) => void } = {}): Simulation {
  const scheduler = new Scheduler();
  const tracer = new Tracer(scheduler);
  scheduler.afterEvent = () => tracer.flush();
  if (opts.onRecord) tracer.onRecord = opts.onRecord;
  const network = new Network(scheduler, tracer, scenario);
  let sid = 0;
  let callId = 0;
  const nextSid = () => ++sid;
  const hosts = new Map<string, Host>();
  for (const [name, h] of Object.entries(scenario.hosts)) {
    const options = resolveTcpOptions(scenario.tcp, h.tcp);
    const host = new Host(name, h.ip, options, scheduler, tracer, network, scenario.seed, nextSid);
    hosts.set(name, host);
    network.addHost(host);
  }
  const resolve = (to: string): string | null => scenario.hosts[to]?.ip ?? (/^\d+\.\d+\.\d+\.\d+$/.test(to) ? to : null);
  const programs: ProgramRunner[] = [];
  const spawnFrom = (host: string) => (index: number): boolean => {
    const target = programs[index];
    if (!target || target.started || scenario.programs[index].host !== host || scenario.programs[index].start !== 'spawn') return false;
    target.start();
    return true;
  };
  scenario.programs.forEach((p, i) => {
    programs.push(new ProgramRunner(hosts.get(p.host)!, i, p.steps, scheduler, tracer, () => ++callId, { resolve, spawn: spawnFrom(p.host) }));
  });
  scenario.programs.forEach((p, i) => { if (p.start !== 'spawn') programs[i].start(); });
  return {
    scheduler, tracer, network, hosts, programs,
    step: () => scheduler.step(),
    runUntil: (ms) => scheduler.runUntil(msToUs(ms)),
  };
}

export interface SimulationResult {
  trace: TraceRecord[];
  packets: Map<number, Packet>;
  /** Virtual time of the last event, ms. */
  endTime: number;
  /** Events the engine processed. */
  events: number;
  /** True when the run stopped at the time limit with work still pending. */
  truncated: boolean;
}

/** Run a scenario to its end (every program finished and no timer pending) or to `until`. */
export function simulate(scenario: Scenario, opts: { until?: number; onRecord?: (r: TraceRecord) => void } = {}): SimulationResult {
  const sim = createSimulation(scenario, { onRecord: opts.onRecord });
  const until = opts.until ?? scenario.until ?? DEFAULT_UNTIL_MS;
  sim.runUntil(until);
  const network = sim.network;
  return {
    trace: sim.tracer.records,
    // Indexed by id on first use: a caller that only reads the trace never pays for the map.
    get packets() { return network.packets; },
    endTime: sim.scheduler.now / 1000,
    events: sim.scheduler.processed,
    truncated: sim.scheduler.peekTime() !== undefined,
  };
}
