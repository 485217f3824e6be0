// Simulator figures for `npm run bench`: events per second, the 5 MB bulk transfer (with and
// without loss), and trace size per event. Prints figures; asserts nothing.
import { simulate } from '../src/sim';
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

/** Median and best wall time of `reps` runs after two warm-up runs of the same work. */
function time<T>(f: () => T, reps: number): { ms: number; best: number; result: T } {
  let result = f();
  f();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], best: samples[0], result };
}

export function runSimBench(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const clean = time(() => simulate(bulk(5_000_000, 0)), 7);
  const lossy = time(() => simulate(bulk(5_000_000, 0.01)), 7);
  const rcv = (r: ReturnType<typeof simulate>) => r.trace.reduce((n, x) => n + (x.type === 'return' && x.op === 'recv' && isRecvResult(x.result) ? x.result.bytes : 0), 0);
  out.push(['5 MB bulk, MSS 1298, RTT 31 ms, 1 Gb/s, IW10: wall time of 7 runs', `median ${clean.ms.toFixed(1)} ms, best ${clean.best.toFixed(1)} ms (virtual ${(clean.result.endTime / 1000).toFixed(2)} s to the last event; ${rcv(clean.result)} bytes received; ${clean.result.events} events)`]);
  out.push(['same with 1% loss', `median ${lossy.ms.toFixed(1)} ms, best ${lossy.best.toFixed(1)} ms (${rcv(lossy.result)} bytes received; ${lossy.result.trace.filter((x) => x.type === 'segment' && x.event === 'send' && (x.note === 'fast-retransmit' || x.note === 'rto-retransmit')).length} retransmissions; ${lossy.result.events} events)`]);
  const big = time(() => simulate(bulk(50_000_000, 0.01, 3)), 3);
  out.push(['throughput (50 MB, 1% loss, full trace kept)', `${((big.result.events / big.best) * 1000 / 1e6).toFixed(2)} M engine events/s; ${((big.result.trace.length / big.best) * 1000 / 1e6).toFixed(2)} M trace records/s (best of 3)`]);
  const json = JSON.stringify(clean.result.trace);
  out.push(['trace size', `${clean.result.trace.length} records for ${clean.result.events} events; ${(json.length / clean.result.trace.length).toFixed(0)} bytes of JSON per record, ${(json.length / clean.result.events).toFixed(0)} per event`]);
  const r1 = simulate(bulk(1_000_000, 0)), r4 = simulate(bulk(4_000_000, 0));
  out.push(['linear growth (1 MB → 4 MB)', `records ×${(r4.trace.length / r1.trace.length).toFixed(2)}, events ×${(r4.events / r1.events).toFixed(2)}`]);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of runSimBench()) console.log(`${k}: ${v}`);
}
