// Seek time of the timeline on a 10,000-event trace: prints figures, asserts nothing.
// Run: ./node_modules/.bin/tsx bench/seek.ts  (uses the real simulator once it is on main and a
// synthetic bulk transfer built with the fixture builder otherwise).
import { performance } from 'node:perf_hooks';
import { createTimeline } from '../src/timeline';
import type { TraceRecord } from '../src/sim/trace/records';
import { TraceBuilder } from '../test/fixtures/traceBuilder';

/** A bulk transfer with buffers, timers and ACKs: roughly what a long simulated run looks like. */
export function syntheticTrace(events: number): TraceRecord[] {
  const b = new TraceBuilder();
  const C = { host: 'client', ip: '10.0.0.1' };
  const S = { host: 'server', ip: '10.0.0.2' };
  const CS = '10.0.0.1:40000->10.0.0.2:80';
  const SC = '10.0.0.2:80->10.0.0.1:40000';
  b.setIsn('10.0.0.1:40000', '10.0.0.2:80', 0).setIsn('10.0.0.2:80', '10.0.0.1:40000', 0);
  b.at(0).program('client', 0, 'start');
  const sid = b.call('client', 0, 0, 'socket', { type: 'stream', as: 's' });
  b.ret('client', 0, 0, 'socket', sid, 3);
  b.state('client', CS, 'CLOSED', 'ESTABLISHED', 'connect', 3);
  b.state('server', SC, 'LISTEN', 'ESTABLISHED', 'rcv ACK');
  let seq = 1;
  let t = 1;
  const pending: number[] = [];
  while (b.trace.length < events) {
    b.at(t);
    const send = b.call('client', 0, 1, 'send', { sock: 's', data: { bytes: 1460 } }, 3);
    const id = b.segment(C, S, 40000, 80, { flags: ['ACK'], seq, ack: 1, len: 1460, note: 'data' });
    b.buffer('client', CS, { sndInFlight: pending.length * 1460 }).timer('client', CS, 'rto', 'set', t + 200);
    b.ret('client', 0, 1, 'send', send, 1460);
    pending.push(id);
    seq += 1460;
    if (pending.length > 8) {
      const d = pending.shift()!;
      b.at(t + 1).packetEvent(d, 'deliver').buffer('server', SC, { rcvUnread: 1460 });
      const ack = b.segment(S, C, 80, 40000, { flags: ['ACK'], seq: 1, ack: seq - 1460 * pending.length, note: 'ack' });
      b.at(t + 2).packetEvent(ack, 'deliver').timer('client', CS, 'rto', 'cancel').cwnd('client', CS, 14600, 65535, 200);
    }
    t += 3;
  }
  return b.trace.slice(0, events);
}

function main() {
  const trace = syntheticTrace(10_000);
  let t0 = performance.now();
  const tl = createTimeline(trace);
  const build = performance.now() - t0;
  // Warm up (JIT), then random seeks, forward and backward, with a fixed pseudo-random sequence.
  for (let c = 0; c <= tl.length; c += 7) tl.viewAt(c);
  let x = 12345;
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const c = x % (tl.length + 1);
    t0 = performance.now();
    tl.viewAt(c);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  console.log(`trace: ${trace.length} records, ${tl.length} steps, ${tl.flights.length} flights`);
  console.log(`build timeline: ${build.toFixed(1)} ms`);
  console.log(`seek (2000 random): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms, max ${times.at(-1)!.toFixed(3)} ms (budget 16 ms; the max includes GC pauses)`);
}

main();
