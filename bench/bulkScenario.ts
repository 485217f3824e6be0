// The bulk transfer the stage benches load: one client sends `segments` full segments to a server
// over a long fat pipe (latency 300 ms, initial window 200), so 100+ segments are in flight.
import type { Scenario } from '../src/scenarios/schema';

export function bulkScenario(segments: number, buffer = 1 << 20): Scenario {
  return {
    format: 'socketlab-scenario/1', seed: 1, network: { latency: 300 },
    tcp: { initialCwnd: 200, rcvbuf: 1 << 20, sndbuf: buffer },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs: [
      { host: 'server', steps: [
        { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 80 },
        { op: 'listen', sock: 'ls', backlog: 5 }, { op: 'accept', sock: 'ls', as: 'c' },
        { op: 'recv', sock: 'c', max: buffer, until: 'eof' }, { op: 'close', sock: 'c' },
      ] },
      { host: 'client', steps: [
        { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
        { op: 'send', sock: 's', data: { bytes: segments * 1460 } }, { op: 'close', sock: 's' },
      ] },
    ],
  };
}

/** A bulk transfer of this many segments makes a trace of ≥ 10,000 records (10,3xx). */
export const SEEK_SEGMENTS = 1400;
export const SEEK_BUFFER = 1 << 22;

/** The same pseudo-random seek targets in Node and in the page: `n` cursors in 0…length. */
export function seekTargets(length: number, n: number): number[] {
  let x = 12345;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(x % (length + 1));
  }
  return out;
}

export function percentiles(values: readonly number[]): { p50: number; p95: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}
