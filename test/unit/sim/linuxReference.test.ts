// The linux profile against real Linux captures: test/fixtures/loopback-echo.pcap and
// loopback-closes.pcap were recorded with tcpdump on this kind of machine (test/fixtures/README.md).
// The same programs, simulated with Linux's default delayed ACKs, must put the same segments on the
// wire: same flags, same relative seq/ack, same lengths, in the same order. (Windows differ: real
// loopback uses a 64 KiB MTU and larger buffers with window scale 10; SACK and timestamps are not
// modelled — docs/simulator.md.) The zero-window stall is compared by what happens, not segment
// for segment (see its test).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importCapture, isCaptureError } from '../../../src/sim/pcap';
import { simulate } from '../../../src/sim';
import { parseScenario } from '../../../src/scenarios/schema';
import type { SegmentRecord, TraceRecord } from '../../../src/sim/trace/records';

/** The segments sent on the conversation with this server port: "S>C flags seq ack len". */
function shape(trace: readonly TraceRecord[], serverPort: number): string[] {
  return sent(trace, serverPort).map((r) => `${r.src.endsWith(`:${serverPort}`) ? 'S>C' : 'C>S'} ${r.flags.join(',')} seq=${r.rseq} ack=${r.rack} len=${r.len}`);
}

function sent(trace: readonly TraceRecord[], serverPort: number): SegmentRecord[] {
  const p = `:${serverPort}`;
  return trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === 'send' && (r.src.endsWith(p) || r.dst.endsWith(p)));
}

function load(file: string): TraceRecord[] {
  const cap = importCapture(new Uint8Array(readFileSync(file)));
  if (isCaptureError(cap)) throw new Error(cap.code);
  return cap.trace;
}

const real = () => load('test/fixtures/loopback-echo.pcap');

// test/fixtures/loopback-traffic.mjs, step by step: a Node echo server that ends its side when the
// client ends, and a client that writes, waits for the echo, pauses 20 ms, twice, then ends.
const echoProgram = {
  format: 'socketlab-scenario/1', seed: 1,
  network: { latency: 0.01, mtu: 65536 },
  tcp: { profile: 'linux', delayedAck: true, mss: 65495 },
  hosts: { lo: { ip: '127.0.0.1' } },
  programs: [
    { host: 'lo', steps: [
      { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', ip: '127.0.0.1', port: 47001 },
      { op: 'listen', sock: 'l', backlog: 511 }, { op: 'accept', sock: 'l', as: 'c' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'send', sock: 'c', data: 'hello\n' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'send', sock: 'c', data: 'bye\n' },
      { op: 'recv', sock: 'c', max: 65536 }, { op: 'shutdown', sock: 'c', how: 'wr' }] },
    { host: 'lo', steps: [
      { op: 'sleep', ms: 1 }, { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: '127.0.0.1', port: 47001 },
      { op: 'send', sock: 's', data: 'hello\n' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'sleep', ms: 20 },
      { op: 'send', sock: 's', data: 'bye\n' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'sleep', ms: 20 },
      { op: 'shutdown', sock: 's', how: 'wr' }, { op: 'recv', sock: 's', max: 65536 }, { op: 'close', sock: 's' }] },
  ],
};

describe('linux profile vs a real Linux loopback capture', () => {
  it('TCP echo with an orderly close: the same segments, including quick ACKs, piggybacked ACKs and FIN,ACK', () => {
    const parsed = parseScenario(echoProgram);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const sim = simulate(parsed.scenario).trace;
    const expected = shape(real(), 47001);
    expect(expected).toHaveLength(12);
    expect(shape(sim, 47001)).toEqual(expected);
  });

  it('connection refused: SYN answered by RST,ACK with seq 0 and ack ISN+1, as the real kernel does', () => {
    const refused = (a: string, b: string) => a.endsWith(':47004') || b.endsWith(':47004');
    const realShape = real().flatMap((r) => r.type === 'segment' && r.event === 'send' && refused(r.src, r.dst) ? [`${r.flags.join(',')} seq=${r.seq === 0 ? 0 : 'isn'} ack=${r.rack} len=${r.len}`] : []);
    const parsed = parseScenario({
      format: 'socketlab-scenario/1', seed: 1, hosts: { lo: { ip: '127.0.0.1' } },
      programs: [{ host: 'lo', steps: [{ op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: '127.0.0.1', port: 47004 }] }],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const simShape = simulate(parsed.scenario).trace.flatMap((r) => r.type === 'segment' && r.event === 'send' ? [`${r.flags.join(',')} seq=${r.seq === 0 ? 0 : 'isn'} ack=${r.rack} len=${r.len}`] : []);
    expect(realShape).toEqual(['SYN seq=isn ack=0 len=0', 'ACK,RST seq=0 ack=1 len=0']);
    expect(simShape).toEqual(realShape);
  });
});

// test/fixtures/loopback-closes.py, call for call: one thread makes a listener (SO_REUSEADDR, for
// the zero window also SO_RCVBUF, then bind, listen(1)), connects a client to it, accepts and
// closes the listener, then plays one behaviour; `sleep` steps stand where the program sleeps.
type Step = Record<string, unknown>;
const LO = '127.0.0.1';
const pair = (port: number, rcvbuf?: number): Step[] => [
  { op: 'socket', type: 'stream', as: 'l' },
  { op: 'setsockopt', sock: 'l', name: 'SO_REUSEADDR', value: true },
  ...(rcvbuf === undefined ? [] : [{ op: 'setsockopt', sock: 'l', name: 'SO_RCVBUF', value: rcvbuf }]),
  { op: 'bind', sock: 'l', ip: LO, port }, { op: 'listen', sock: 'l', backlog: 1 },
  { op: 'socket', type: 'stream', as: 'cli' }, { op: 'connect', sock: 'cli', to: LO, port },
  { op: 'accept', sock: 'l', as: 'srv' }, { op: 'close', sock: 'l' },
];
const send = (sock: string, data: string | { bytes: number }): Step => ({ op: 'send', sock, data });
const recv = (sock: string, max = 100): Step => ({ op: 'recv', sock, max });
const close = (sock: string): Step => ({ op: 'close', sock });
const sleep = (ms: number): Step => ({ op: 'sleep', ms });

function runOnLoopback(steps: Step[]): TraceRecord[] {
  const parsed = parseScenario({
    format: 'socketlab-scenario/1', seed: 1, network: { mtu: 65536 },
    tcp: { profile: 'linux', delayedAck: true, mss: 65495 },
    hosts: { lo: { ip: LO } }, programs: [{ host: 'lo', steps }],
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return simulate(parsed.scenario).trace;
}

/** State changes of the two ends of the connection ("S"erver or "C"lient), without causes: the
 *  capture's are inferred by the importer from the segments, and it cannot see TIME_WAIT end. */
function states(trace: readonly TraceRecord[], serverPort: number): string[] {
  const server = `${LO}:${serverPort}->`, client = `->${LO}:${serverPort}`;
  return trace.flatMap((r) => r.type === 'state' && r.cause !== '2MSL timeout' && (r.sock.startsWith(server) || r.sock.endsWith(client))
    ? [`${r.sock.startsWith(server) ? 'S' : 'C'} ${r.from}>${r.to}`] : []);
}

/** What each recv returned: the text, or the errno (the Python program asserts the same). */
const recvs = (trace: readonly TraceRecord[]) => trace.flatMap((r) => r.type === 'return' && r.op === 'recv'
  ? [r.error ?? (typeof r.result === 'object' && 'data' in r.result ? r.result.data : '?')] : []);

const closes = () => load('test/fixtures/loopback-closes.pcap');
const HANDSHAKE = ['C>S SYN seq=0 ack=0 len=0', 'S>C ACK,SYN seq=0 ack=1 len=0', 'C>S ACK seq=1 ack=1 len=0'];

const behaviours: Array<{ name: string; port: number; steps: Step[]; segments: string[]; recvs: string[] }> = [
  {
    name: '(1) abortive close with SO_LINGER 0: RST,ACK at SND.NXT instead of a FIN',
    port: 47011,
    steps: [...pair(47011), send('cli', 'hello\n'), recv('srv'), sleep(100),
      { op: 'setsockopt', sock: 'cli', name: 'SO_LINGER', value: 0 }, close('cli'), sleep(100), recv('srv'), close('srv')],
    segments: [...HANDSHAKE, 'C>S ACK,PSH seq=1 ack=1 len=6', 'S>C ACK seq=1 ack=7 len=0', 'C>S ACK,RST seq=7 ack=1 len=0'],
    recvs: ['hello\n', 'ECONNRESET'],
  },
  {
    name: '(2) close() with unread data: RST,ACK instead of a FIN (RFC 2525 §2.17)',
    port: 47012,
    steps: [...pair(47012), send('cli', 'hello\n'), sleep(100), close('srv'), sleep(100), recv('cli'), close('cli')],
    segments: [...HANDSHAKE, 'C>S ACK,PSH seq=1 ack=1 len=6', 'S>C ACK seq=1 ack=7 len=0', 'S>C ACK,RST seq=1 ack=7 len=0'],
    recvs: ['ECONNRESET'],
  },
  {
    name: '(3) half-close: the client shuts down writing, the server still sends twice, then closes',
    port: 47013,
    steps: [...pair(47013), send('cli', 'request\n'), { op: 'shutdown', sock: 'cli', how: 'wr' }, recv('srv'), recv('srv'),
      send('srv', 'part 1\n'), sleep(50), send('srv', 'part 2\n'), sleep(50), close('srv'), recv('cli'), recv('cli'), close('cli')],
    segments: [...HANDSHAKE, 'C>S ACK,PSH seq=1 ack=1 len=8', 'S>C ACK seq=1 ack=9 len=0', 'C>S ACK,FIN seq=9 ack=1 len=0',
      'S>C ACK,PSH seq=1 ack=10 len=7', 'C>S ACK seq=10 ack=8 len=0', 'S>C ACK,PSH seq=8 ack=10 len=7', 'C>S ACK seq=10 ack=15 len=0',
      'S>C ACK,FIN seq=15 ack=10 len=0', 'C>S ACK seq=10 ack=16 len=0'],
    recvs: ['request\n', '', 'part 1\npart 2\n', ''],
  },
  {
    name: '(4) the server closes first: its FIN, the delayed ACK, the client\'s FIN; TIME_WAIT on the server',
    port: 47014,
    steps: [...pair(47014), send('cli', 'hello\n'), recv('srv'), send('srv', 'bye\n'), close('srv'), recv('cli'), recv('cli'), sleep(100), close('cli')],
    segments: [...HANDSHAKE, 'C>S ACK,PSH seq=1 ack=1 len=6', 'S>C ACK seq=1 ack=7 len=0', 'S>C ACK,PSH seq=1 ack=7 len=4',
      'C>S ACK seq=7 ack=5 len=0', 'S>C ACK,FIN seq=5 ack=7 len=0', 'C>S ACK seq=7 ack=6 len=0', 'C>S ACK,FIN seq=7 ack=6 len=0',
      'S>C ACK seq=6 ack=8 len=0'],
    recvs: ['hello\n', 'bye\n', ''],
  },
  {
    name: '(5) data after the peer\'s close(): RST <SEQ=SEG.ACK> without ACK (RFC 1122 §4.2.2.13)',
    port: 47015,
    steps: [...pair(47015), close('srv'), recv('cli'), sleep(100), send('cli', 'late\n'), sleep(100), recv('cli'), close('cli')],
    segments: [...HANDSHAKE, 'S>C ACK,FIN seq=1 ack=1 len=0', 'C>S ACK seq=1 ack=2 len=0', 'C>S ACK,PSH seq=1 ack=2 len=5',
      'S>C RST seq=2 ack=0 len=0'],
    recvs: ['', ''], // the RST arrives in CLOSE_WAIT: recv still says EOF (Linux tcp_reset)
  },
];

describe('linux profile vs real Linux closes and resets (loopback-closes.pcap)', () => {
  for (const b of behaviours) {
    it(`${b.name}: the same segments, states and recv results`, () => {
      const realTrace = closes();
      const sim = runOnLoopback(b.steps);
      expect(shape(realTrace, b.port)).toEqual(b.segments);
      expect(shape(sim, b.port)).toEqual(shape(realTrace, b.port));
      expect(states(sim, b.port)).toEqual(states(realTrace, b.port));
      expect(recvs(sim)).toEqual(b.recvs);
    });
  }

  it('(4) the server that closed first is the one left in TIME_WAIT, for 2·MSL = 60 s', () => {
    const sim = runOnLoopback(behaviours[3].steps);
    expect(states(sim, 47014).filter((s) => s.endsWith('TIME_WAIT'))).toEqual(['S FIN_WAIT_2>TIME_WAIT']);
    const leave = sim.find((r) => r.type === 'state' && r.from === 'TIME_WAIT');
    const enter = sim.find((r) => r.type === 'state' && r.to === 'TIME_WAIT');
    expect(leave!.t - enter!.t).toBe(60_000);
  });

  // Known difference (docs/simulator.md): Linux delays an ACK by the connection's ATO, which stays
  // 0 until the first data byte arrives, so a FIN that comes before any data is acknowledged at
  // the next timer tick (frames 39–40 of the capture: 1.1 ms; CONFIG_HZ=250 here); the simulator
  // models that tick as 1 ms.
  it('(5) a FIN that arrives before any data is acknowledged within a timer tick, not 40 ms later', () => {
    const gap = (trace: readonly TraceRecord[]) => {
      const segs = sent(trace, 47015);
      const fin = segs.findIndex((r) => r.flags.includes('FIN'));
      return segs[fin + 1].t - segs[fin].t;
    };
    expect(gap(closes())).toBeLessThan(5);
    expect(gap(runOnLoopback(behaviours[4].steps))).toBeLessThan(5);
  });
});

// (6) The receiver (SO_RCVBUF 2048: Linux doubles it for bookkeeping and offers 2048; the simulator
// models the usable space, so it gets 2048) does not read while the client writes 12000 bytes, for
// 2 s; then the client closes and the server reads to EOF. Compared by what happens, not segment
// for segment: Linux first sends 1024-byte segments (tcp_bound_to_half_wnd), answers only some
// probes (out-of-window ACKs are rate-limited, tcp_invalid_ratelimit 500 ms) and ACKs each segment
// after the reopening as the blocked reader takes it, where the simulator sends 2048 bytes at once,
// answers every probe and paces the rest with window updates and 40 ms delayed ACKs.
interface Stall {
  /** The ACK that closes the window acknowledges every byte sent so far. */
  closesWithAllAcked: boolean;
  /** Segments the client sends while the window is 0, as "flags len seq-vs-SND.UNA". */
  probeShapes: string[];
  probes: number;
  /** The first probe waits at least one RTO (200 ms min) and the waits double (within ±20 %). */
  firstProbeAfterRto: boolean;
  backoffDoubles: boolean;
  /** Every server segment during the stall says window 0, and at least one answers a probe. */
  serverSaysZero: boolean;
  probeAnswered: boolean;
  /** A pure ACK with the same ack number and an open window, once the reader reads (2 s after the write). */
  reopenedByWindowUpdate: boolean;
  reopenAfterMs: number;
  /** Then new data from SND.UNA, 12000 bytes in all, the last data segment carrying the FIN. */
  resumesAtSndUna: boolean;
  bytes: number;
  finRidesOnLastData: boolean;
}

function stall(trace: readonly TraceRecord[]): Stall {
  const segs = sent(trace, 47016);
  const fromServer = (r: SegmentRecord) => r.src.endsWith(':47016');
  const zero = segs.findIndex((r) => fromServer(r) && r.win === 0 && !r.flags.includes('SYN'));
  const una = segs[zero].rack;
  const sentBefore = Math.max(...segs.slice(0, zero).filter((r) => !fromServer(r)).map((r) => r.rseq + r.len));
  const reopen = segs.findIndex((r, i) => i > zero && fromServer(r) && r.win > 0);
  const during = segs.slice(zero + 1, reopen);
  const probes = during.filter((r) => !fromServer(r));
  const times = [segs[zero].t, ...probes.map((r) => r.t)];
  const waits = times.slice(1).map((t, i) => t - times[i]);
  const firstData = segs.find((r) => !fromServer(r) && r.len > 0)!;
  const after = segs.slice(reopen + 1).filter((r) => !fromServer(r));
  const data = segs.filter((r) => !fromServer(r) && r.len > 0);
  return {
    closesWithAllAcked: una === sentBefore,
    probeShapes: [...new Set(probes.map((r) => `${r.flags.join(',')} len=${r.len} seq=SND.UNA${r.rseq - una >= 0 ? '+' : ''}${r.rseq - una}`))],
    probes: probes.length,
    firstProbeAfterRto: waits[0] >= 200 && waits[0] < 250,
    backoffDoubles: waits.slice(1).every((w, i) => w / waits[i] >= 1.6 && w / waits[i] <= 2.4),
    serverSaysZero: during.filter(fromServer).every((r) => r.win === 0),
    probeAnswered: during.some(fromServer),
    reopenedByWindowUpdate: segs[reopen].len === 0 && segs[reopen].flags.join() === 'ACK' && segs[reopen].rack === una,
    reopenAfterMs: Math.round((segs[reopen].t - firstData.t) / 100) * 100,
    resumesAtSndUna: after[0].rseq === una && after[0].len > 0,
    bytes: data.reduce((n, r) => n + r.len, 0),
    finRidesOnLastData: data.at(-1)!.flags.includes('FIN') && data.at(-1)!.rseq + data.at(-1)!.len === 12001,
  };
}

describe('linux profile vs a real Linux zero-window stall (loopback-closes.pcap, port 47016)', () => {
  it('(6) the window closes, empty ACKs at SND.UNA−1 probe it with doubling waits, a window update reopens it', () => {
    const steps = [...pair(47016, 2048), { op: 'setsockopt', sock: 'cli', name: 'O_NONBLOCK', value: true }, send('cli', { bytes: 12000 }),
      sleep(2000), close('cli'), { op: 'recv', sock: 'srv', max: 65536, until: 'eof' }, close('srv')];
    const expected: Stall = {
      closesWithAllAcked: true, probeShapes: ['ACK len=0 seq=SND.UNA-1'], probes: 3, firstProbeAfterRto: true, backoffDoubles: true,
      serverSaysZero: true, probeAnswered: true, reopenedByWindowUpdate: true, reopenAfterMs: 2000, resumesAtSndUna: true,
      bytes: 12000, finRidesOnLastData: true,
    };
    expect(stall(closes())).toEqual(expected);
    expect(stall(runOnLoopback(steps))).toEqual(expected);
  });
});
