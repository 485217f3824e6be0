// Seek time of the timeline alone (the pure `viewAt`, no React) on a trace of ≥ 10,000 records
// from the simulator: prints figures, asserts nothing. bench/stage.ts times the same seeks in
// Chromium, from the input to the painted frame.
// Run: ./node_modules/.bin/tsx bench/seek.ts
import { performance } from 'node:perf_hooks';
import { simulate } from '../src/sim';
import { createTimeline } from '../src/timeline';
import { bulkScenario, percentiles, seekTargets, SEEK_BUFFER, SEEK_SEGMENTS } from './bulkScenario';

function main() {
  const trace = simulate(bulkScenario(SEEK_SEGMENTS, SEEK_BUFFER)).trace;
  let t0 = performance.now();
  const tl = createTimeline(trace);
  const build = performance.now() - t0;
  // Warm up (JIT), then random seeks, forward and backward, with a fixed pseudo-random sequence.
  for (let c = 0; c <= tl.length; c += 7) tl.viewAt(c);
  const times: number[] = [];
  for (const c of seekTargets(tl.length, 2000)) {
    t0 = performance.now();
    tl.viewAt(c);
    times.push(performance.now() - t0);
  }
  const p = percentiles(times);
  const p99 = [...times].sort((a, b) => a - b)[Math.floor(0.99 * times.length)];
  console.log(`trace: ${trace.length} records (bulk transfer of ${SEEK_SEGMENTS} segments), ${tl.length} steps, ${tl.flights.length} flights`);
  console.log(`build timeline: ${build.toFixed(1)} ms`);
  console.log(`seek, viewAt only (2000 random): p50 ${p.p50.toFixed(3)} ms, p95 ${p.p95.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${p.max.toFixed(3)} ms (budget 16 ms; the max includes GC pauses)`);
}

main();
