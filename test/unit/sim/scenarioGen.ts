// Scenario builders for property and table tests: a client sends N bytes to a server that reads
// until EOF and closes, over a network with loss, duplication, reordering and jitter. The retry
// limits are raised (and the RTO capped) so that loss slows a run down but never aborts it.
import type { Scenario, Step } from '../../../src/scenarios/schema';
import { createRng } from '../../../src/sim/engine/rng';

export interface TransferParams {
  seed: number;
  /** The bytes the client sends, as ASCII text (so reordering shows in the received string). */
  data: string;
  /** The client's send() calls cut the data at these sizes (cycled). */
  chunks: number[];
  profile: 'linux' | 'rfc';
  mss: number;
  rcvbuf: number;
  sndbuf: number;
  nagle: boolean;
  delayedAck: boolean;
  congestion: 'reno' | 'newreno';
  loss: number;
  duplicate: number;
  reorder: number;
  jitter: number;
  latency: number;
  /** Link MTU (default 1500): the effective MSS must keep every segment within it. */
  mtu?: number;
  /** With a half-close the client calls shutdown(SHUT_WR) and reads the server's `reply` bytes
   *  until EOF before close(); without, it just closes after sending. */
  halfClose: boolean;
  reply: number;
}

export const SERVER_PORT = 5000;

/** The data a transfer sends, from a seed: printable ASCII, so every byte's position is checkable. */
export function randomText(seed: number, n: number): string {
  const rng = createRng(seed, 'test-data');
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(33 + rng.int(0, 93));
  return s;
}

export function transferScenario(p: TransferParams): Scenario {
  const sends: Step[] = [];
  for (let off = 0, i = 0; off < p.data.length; i++) {
    const n = Math.max(1, p.chunks[i % p.chunks.length]);
    sends.push({ op: 'send', sock: 's', data: p.data.slice(off, off + n) });
    off += n;
  }
  const clientEnd: Step[] = p.halfClose
    ? [{ op: 'shutdown', sock: 's', how: 'wr' }, { op: 'recv', sock: 's', max: 4096, until: 'eof' }, { op: 'close', sock: 's' }]
    : [{ op: 'close', sock: 's' }];
  const reply: Step[] = p.halfClose && p.reply > 0 ? [{ op: 'send', sock: 'c', data: { bytes: p.reply } }] : [];
  return {
    format: 'socketlab-scenario/1',
    seed: p.seed,
    until: 86_400_000, // a day of virtual time: slow (tiny windows, rfc's 1 s RTO floor) but never cut short
    network: { latency: p.latency, jitter: p.jitter, loss: p.loss, duplicate: p.duplicate, reorder: p.reorder, mtu: p.mtu ?? 1500 },
    tcp: {
      profile: p.profile, mss: p.mss, rcvbuf: p.rcvbuf, sndbuf: p.sndbuf, nagle: p.nagle, delayedAck: p.delayedAck,
      congestion: p.congestion, synRetries: 60, synAckRetries: 60, retries: 60, rtoMax: 8000,
    },
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs: [
      { host: 'server', steps: [
        { op: 'socket', type: 'stream', as: 'ls' },
        { op: 'bind', sock: 'ls', port: SERVER_PORT, expect: 'ok' },
        { op: 'listen', sock: 'ls', backlog: 5, expect: 'ok' },
        { op: 'accept', sock: 'ls', as: 'c', expect: 'ok' },
        { op: 'recv', sock: 'c', max: 4096, until: 'eof' },
        ...reply,
        { op: 'close', sock: 'c' },
        { op: 'close', sock: 'ls' },
      ] },
      { host: 'client', steps: [
        { op: 'sleep', ms: 1 },
        { op: 'socket', type: 'stream', as: 's' },
        { op: 'connect', sock: 's', to: 'server', port: SERVER_PORT, expect: 'ok' },
        ...sends,
        ...clientEnd,
      ] },
    ],
  };
}

/** A deterministic lossy transfer for seed `seed` (for tests that want many varied runs without
 *  fast-check): parameters drawn from the seed. */
export function lossyScenario(seed: number): Scenario {
  const rng = createRng(seed, 'lossy-scenario');
  const n = rng.int(0, 6000);
  const halfClose = rng.chance(0.5);
  return transferScenario({
    seed, data: randomText(seed, n), chunks: [rng.int(1, 3000), rng.int(1, 500)],
    profile: rng.chance(0.5) ? 'linux' : 'rfc', mss: rng.int(100, 1460), rcvbuf: rng.int(500, 70000), sndbuf: rng.int(500, 70000),
    nagle: rng.chance(0.5), delayedAck: rng.chance(0.5), congestion: rng.chance(0.5) ? 'reno' : 'newreno',
    loss: rng.float() * 0.3, duplicate: rng.float() * 0.2, reorder: rng.float() * 0.2, jitter: rng.int(0, 20), latency: rng.int(1, 40),
    halfClose, reply: halfClose ? rng.int(0, 3000) : 0,
  });
}
