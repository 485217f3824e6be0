// Simulator figures for `npm run bench`: events per second, the 5 MB bulk transfer (with and
// without loss), trace size and heap memory per event. Prints figures; asserts nothing.
// Timings are the best of several runs after warm-up (the machine may be shared): the best run
// is the one least disturbed by other processes, the median shows how much they disturbed it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simulate } from '../src/sim';
import { Scheduler } from '../src/sim/engine/scheduler';
import { createRng } from '../src/sim/engine/rng';
import { isRecvResult } from '../src/sim/trace/records';
import type { Scenario } from '../src/scenarios/schema';

function bulk(bytes: number, loss: number, seed = 1): Scenario {
  return {
    format: 'socketlab-scenario/1', seed,
    network: { latency: 15.5, bandwidth: 125_000_000, loss },
    tcp: { mss: 1298, initialCwnd: 10, rcvbuf: 4 << 20, sndbuf: 4 << 20, retries: 30 },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs: [
      { host: 'server', steps: [
        { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 5 },
        { op: 'accept', sock: 'l', as: 'c' }, { op: 'recv', sock: 'c', max: 1 << 20, until: 'eof' }, { op: 'close', sock: 'c' }] },
      { host: 'client', steps: [
        { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
        { op: 'send', sock: 's', data: { bytes } }, { op: 'close', sock: 's' }] },
    ],
  };
}

/** Median and best wall time of `reps` runs after two warm-up runs of the same work, and the
 *  process CPU time of the best run (it includes the garbage collector's helper threads). */
function time<T>(f: () => T, reps: number): { ms: number; best: number; bestCpu: number; result: T } {
  let result = f();
  f();
  const samples: Array<[number, number]> = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    samples.push([wall, (c.user + c.system) / 1000]);
  }
  samples.sort((a, b) => a[0] - b[0]);
  return { ms: samples[Math.floor(samples.length / 2)][0], best: samples[0][0], bestCpu: samples[0][1], result };
}

/** The event queue alone: timer-like events that each schedule a successor at a random later
 *  time, with `pending` events waiting — no TCP, no trace. Events per second, best of 5 after
 *  two warm-up runs. */
function engineOnly(events: number, pending: number): number {
  let best = Infinity;
  for (let rep = 0; rep < 7; rep++) {
    const sched = new Scheduler();
    const rng = createRng(1, 'bench');
    let left = events;
    const tick = (): void => { if (left-- > 0) sched.after(1 + rng.int(0, 30_000), tick); };
    for (let i = 0; i < pending; i++) sched.after(rng.int(0, 30_000), tick);
    const t0 = performance.now();
    sched.runUntil(Number.MAX_SAFE_INTEGER);
    if (rep >= 2) best = Math.min(best, performance.now() - t0);
  }
  return (events + pending) / best * 1000;
}

/** Heap bytes kept by a finished run (its result held, everything else collected). */
function retainedHeap(scenario: Scenario): { bytes: number; records: number; events: number; packets: number; text: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  simulate(scenario); // warm-up: code and feedback of its own are not part of the run's data
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const r = simulate(scenario);
  gc(); gc();
  const bytes = process.memoryUsage().heapUsed - before;
  const text = r.trace.reduce((n, x) => n + (x.type === 'return' && isRecvResult(x.result) ? x.result.data.length : 0), 0);
  return { bytes, records: r.trace.length, events: r.events, packets: r.packets.size, text };
}

export function runSimBench(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const clean = time(() => simulate(bulk(5_000_000, 0)), 7);
  const lossy = time(() => simulate(bulk(5_000_000, 0.01)), 7);
  const rcv = (r: ReturnType<typeof simulate>) => r.trace.reduce((n, x) => n + (x.type === 'return' && x.op === 'recv' && isRecvResult(x.result) ? x.result.bytes : 0), 0);
  out.push(['5 MB bulk, MSS 1298, RTT 31 ms, 1 Gb/s, IW10: wall time of 7 runs', `median ${clean.ms.toFixed(1)} ms, best ${clean.best.toFixed(1)} ms (virtual ${(clean.result.endTime / 1000).toFixed(2)} s to the last event; ${rcv(clean.result)} bytes received; ${clean.result.events} events)`]);
  out.push(['same with 1% loss', `median ${lossy.ms.toFixed(1)} ms, best ${lossy.best.toFixed(1)} ms (${rcv(lossy.result)} bytes received; ${lossy.result.trace.filter((x) => x.type === 'segment' && x.event === 'send' && (x.note === 'fast-retransmit' || x.note === 'rto-retransmit')).length} retransmissions; ${lossy.result.events} events)`]);
  const big = time(() => simulate(bulk(50_000_000, 0.01, 3)), 5);
  const perS = (n: number) => ((n / big.best) * 1000 / 1e6).toFixed(2);
  out.push(['throughput (50 MB, 1% loss, full trace kept)', `${perS(big.result.events)} M engine events/s; ${perS(big.result.trace.length)} M trace records/s (best of 5: ${big.best.toFixed(0)} ms wall, ${big.bestCpu.toFixed(0)} ms CPU; median ${big.ms.toFixed(0)} ms)`]);
  out.push(['engine only (event queue, 3,000 pending timers; no TCP, no trace)', `${(engineOnly(1_000_000, 3000) / 1e6).toFixed(1)} M events/s`]);
  const json = JSON.stringify(clean.result.trace);
  out.push(['trace size', `${clean.result.trace.length} records for ${clean.result.events} events; ${(json.length / clean.result.trace.length).toFixed(0)} bytes of JSON per record, ${(json.length / clean.result.events).toFixed(0)} per event`]);
  const r1 = simulate(bulk(1_000_000, 0)), r4 = simulate(bulk(4_000_000, 0));
  out.push(['linear growth (1 MB → 4 MB)', `records ×${(r4.trace.length / r1.trace.length).toFixed(2)}, events ×${(r4.events / r1.events).toFixed(2)}`]);
  const h50 = retainedHeap(bulk(50_000_000, 0.01, 3));
  out.push(['heap kept by the 50 MB run (trace + packets)', `${(h50.bytes / 1e6).toFixed(0)} MB: ${(h50.bytes / h50.events).toFixed(0)} bytes per event, ${(h50.bytes / h50.records).toFixed(0)} per record (${h50.packets} packets; the recv results' ${(h50.text / 1e6).toFixed(0)} M characters of text are substrings of the sender's text, not copies)`]);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of runSimBench()) console.log(`${k}: ${v}`);
}
