// A TCP endpoint under test, in the manner of smoltcp's socket tests: one real TcpStack on a host
// whose IP output is captured instead of sent. Tests put the socket in a state, feed it segments
// and calls at explicit times, and assert the exact segments it sends (relative seq/ack like
// Wireshark: seq − our ISS, ack − the peer's ISS).
import { Scheduler } from '../../../src/sim/engine/scheduler';
import { createRng } from '../../../src/sim/engine/rng';
import { Tracer } from '../../../src/sim/trace/tracer';
import type { HostContext, PacketInput, PacketMeta } from '../../../src/sim/net/hostContext';
import { ACK, FIN, PSH, RST, SYN, flagBits, flagNames, type FlagName, type Packet, type TcpOption } from '../../../src/sim/net/packet';
import { TcpStack } from '../../../src/sim/tcp/tcpStack';
import type { TcpSocket } from '../../../src/sim/tcp/tcpSocket';
import { resolveTcpOptions, type TcpOptions } from '../../../src/sim/tcp/profiles';
import type { TcpOptionsInput } from '../../../src/scenarios/schema';
import type { Outcome } from '../../../src/sim/api/outcome';
import { tcpAccept, tcpConnect, tcpRecv, tcpSend, tcpShutdown, tcpCloseCall } from '../../../src/sim/api/tcpCalls';
import { DataSource } from '../../../src/sim/api/dataSource';
import type { CwndRecord, StateRecord, TraceRecord } from '../../../src/sim/trace/records';
import { seqAdd, seqDiff } from '../../../src/sim/tcp/seq';

export const LOCAL_IP = '10.0.0.2';
export const PEER_IP = '10.0.0.1';
export const LOCAL_PORT = 80;
export const PEER_PORT = 40000;
/** The peer's initial sequence number (default; a harness may use another). */
export const PEER_ISS = 1_000_000;

/** Harness-only settings: forced ISNs (to put the sequence space near 2^32), the peer's SYN. */
export interface HarnessSetup {
  /** Force our ISS (every connection the stack opens gets it). */
  iss?: number;
  /** The peer's ISS. */
  peerIss?: number;
  /** The peer's window field (bytes before its scaling), MSS option and window-scale offer. */
  peerWindow?: number;
  peerMss?: number | null;
  peerShift?: number | null;
  /** MTU towards the peer. */
  mtu?: number;
}

/** A segment as the tests write it: relative numbers, flags as "SYN,ACK". */
export interface Seg {
  flags: string;
  seq: number;
  ack?: number;
  len?: number;
  win?: number;
  opts?: { mss?: number; wscale?: number };
}

export class TcpHarness {
  readonly sched = new Scheduler();
  readonly tracer = new Tracer(this.sched);
  readonly sent: Packet[] = [];
  readonly opts: TcpOptions;
  readonly stack: TcpStack;
  private sid = 0;
  private nextId = 1;
  sock!: TcpSocket;
  /** The listener, when the socket under test came from passive open. */
  listener: TcpSocket | null = null;
  /** Window the fake peer advertises (bytes, before its scaling) and its window scale offer. */
  peerWindow = 65535;
  peerShift: number | null = null;
  /** The MSS option in the peer's SYN (null: none, so 536 applies). */
  peerMss: number | null = 1460;
  mtu = 1500;
  readonly peerIss: number;

  constructor(options: TcpOptionsInput = {}, setup: HarnessSetup = {}) {
    this.opts = resolveTcpOptions(options);
    this.sched.afterEvent = () => this.tracer.flush();
    this.peerIss = setup.peerIss ?? PEER_ISS;
    if (setup.peerWindow !== undefined) this.peerWindow = setup.peerWindow;
    if (setup.peerMss !== undefined) this.peerMss = setup.peerMss;
    if (setup.peerShift !== undefined) this.peerShift = setup.peerShift;
    if (setup.mtu !== undefined) this.mtu = setup.mtu;
    const rng = createRng(7, 'host:local');
    // ISNs are the only 32-bit draws the stack makes (ports use int()), so forcing u32 forces the ISS.
    if (setup.iss !== undefined) { const iss = setup.iss >>> 0; rng.u32 = () => iss; }
    const host: HostContext = {
      name: 'local', ip: LOCAL_IP, sched: this.sched, tracer: this.tracer, rng,
      nextSid: () => ++this.sid,
      output: (p: PacketInput, _m: PacketMeta) => {
        const id = this.nextId++;
        this.sent.push({ id, ttl: 64, ipId: 0, df: true, ...p } as Packet);
        return id;
      },
      discard: (p) => { this.discarded.push(p); },
      isLocal: (ip) => ip === LOCAL_IP,
      mtuTo: () => this.mtu,
    };
    this.stack = new TcpStack(host, this.opts);
  }

  readonly discarded: Packet[] = [];

  /** Advance virtual time to `ms` (running every timer due by then). */
  at(ms: number): this {
    this.sched.runUntil(Math.round(ms * 1000));
    this.sched.now = Math.max(this.sched.now, Math.round(ms * 1000));
    return this;
  }

  get now(): number {
    return this.sched.now / 1000;
  }

  get state(): string {
    return this.sock.state;
  }

  // ---- fixtures: a socket already in a state ----

  /** Socket options applied to every socket the fixtures create (before connect/listen). */
  configure: ((s: TcpSocket) => void) | null = null;

  private newSocket(): TcpSocket {
    const s = this.stack.createSocket();
    this.configure?.(s);
    return s;
  }

  /** A new socket, never bound or connected. */
  fresh(): this {
    this.sock = this.newSocket();
    return this;
  }

  /** A listener on port 80. */
  listen(backlog = 5): this {
    const l = this.newSocket();
    this.stack.bind(l, '0.0.0.0', LOCAL_PORT);
    this.stack.listen(l, backlog);
    this.listener = l;
    this.sock = l;
    return this;
  }

  /** connect() to the peer: our SYN is sent (and captured). */
  synSent(): this {
    const s = this.newSocket();
    this.stack.bind(s, LOCAL_IP, LOCAL_PORT);
    this.sock = s;
    this.lastOutcome = tcpConnect(this.stack, s, PEER_IP, PEER_PORT);
    return this;
  }

  /** Passive open up to SYN-RECEIVED: the peer's SYN arrived, our SYN,ACK is out. */
  synReceived(): this {
    this.listen();
    this.deliver({ flags: 'SYN', seq: -1, opts: this.peerSynOpts() });
    this.sock = this.listener!.synQueue[0];
    return this;
  }

  /** An ESTABLISHED connection (active open), with the handshake segments already consumed. */
  established(): this {
    this.synSent();
    this.deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: this.peerSynOpts() });
    this.takeSent();
    return this;
  }

  /** An ESTABLISHED connection from passive open, accepted (the socket under test is the child). */
  passiveEstablished(): this {
    this.synReceived();
    this.deliver({ flags: 'ACK', seq: 0, ack: 1 });
    const child = this.sock;
    this.sock = this.listener!;
    this.accept();
    this.sock = child;
    this.takeSent();
    return this;
  }

  /** FIN-WAIT-1: we closed (or shut down writing) an established connection; our FIN (seq 1) is out. */
  finWait1(how: 'close' | 'shutdown' = 'close'): this {
    this.established();
    if (how === 'close') this.close(); else this.shutdown('wr');
    this.takeSent();
    return this;
  }

  /** FIN-WAIT-2: the peer acknowledged our FIN. */
  finWait2(how: 'close' | 'shutdown' = 'close'): this {
    this.finWait1(how);
    this.deliver({ flags: 'ACK', seq: 0, ack: 2 });
    this.takeSent();
    return this;
  }

  /** TIME-WAIT: FIN-WAIT-2, then the peer's FIN arrived and we acknowledged it. */
  timeWait(how: 'close' | 'shutdown' = 'close'): this {
    this.finWait2(how);
    this.deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    this.takeSent();
    return this;
  }

  /** CLOSING: our FIN is out and the peer's FIN crossed it (it does not acknowledge ours). */
  closing(how: 'close' | 'shutdown' = 'close'): this {
    this.finWait1(how);
    this.deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    this.takeSent();
    return this;
  }

  /** CLOSE-WAIT: the peer's FIN (seq 0) arrived on an established connection and was acknowledged. */
  closeWait(): this {
    this.established();
    this.deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    this.takeSent();
    return this;
  }

  /** LAST-ACK: CLOSE-WAIT, then close(); our FIN (seq 1) is out. */
  lastAck(): this {
    this.closeWait();
    this.close();
    this.takeSent();
    return this;
  }

  private peerSynOpts(): { mss?: number; wscale?: number } {
    return { ...(this.peerMss !== null ? { mss: this.peerMss } : {}), ...(this.peerShift !== null ? { wscale: this.peerShift } : {}) };
  }

  // ---- the peer's side ----

  /** Deliver a segment from the peer. seq is relative to the peer's ISS + 1 (−1 = the SYN itself
   *  at the ISS), ack relative to our ISS (so `ack: 1` acknowledges our SYN). */
  deliver(seg: Seg & { payload?: string | Uint8Array; port?: number }): this {
    const names = seg.flags.split(',').map((f) => f.trim()).filter(Boolean) as FlagName[];
    const flags = flagBits(names);
    const payload = typeof seg.payload === 'string' ? new TextEncoder().encode(seg.payload)
      : seg.payload ?? new Uint8Array(seg.len ?? 0).fill(0x61);
    const options: TcpOption[] = [];
    if (seg.opts?.mss !== undefined) options.push({ kind: 'mss', value: seg.opts.mss });
    if (seg.opts?.wscale !== undefined) options.push({ kind: 'wscale', shift: seg.opts.wscale });
    const p: Packet = {
      id: 0, src: PEER_IP, dst: LOCAL_IP, ttl: 64, ipId: 0, df: true, proto: 'tcp',
      tcp: {
        srcPort: seg.port ?? PEER_PORT, dstPort: LOCAL_PORT,
        seq: seqAdd(this.peerIss, seg.seq + 1),
        ack: seg.ack !== undefined && this.sock ? seqAdd(this.ourIss(seg.port), seg.ack) : 0,
        flags, window: seg.win ?? this.peerWindow, urgent: 0, options, payload,
      },
    };
    this.stack.receive(p);
    this.flush();
    return this;
  }

  /** Our ISS on the connection with the peer's `port` (the socket under test, or a child a
   *  listener created for that port). */
  ourIss(port = PEER_PORT): number {
    if (this.sock.state !== 'LISTEN' && (!this.sock.remote || this.sock.remote.port === port)) return this.sock.iss;
    const c = this.stack.sockets().find((x) => x.remote?.port === port && x.remote.ip === PEER_IP);
    return c ? c.iss : 0;
  }

  /** Run events due now (wake-ups of blocked calls). */
  flush(): this {
    this.tracer.flush();
    this.sched.runUntil(this.sched.now);
    return this;
  }

  // ---- calls ----
  lastOutcome: Outcome | null = null;

  call(f: (s: TcpSocket) => Outcome): Outcome {
    const o = f(this.sock);
    this.lastOutcome = o;
    this.flush();
    return o;
  }
  send(data: string | number): Outcome { return this.call((s) => tcpSend(s, new DataSource(typeof data === 'number' ? { bytes: data } : data))); }
  recv(max = 65536): Outcome { return this.call((s) => tcpRecv(s, max, false)); }
  close(): Outcome { return this.call((s) => tcpCloseCall(s)); }
  shutdown(how: 'rd' | 'wr' | 'rdwr' = 'wr'): Outcome { return this.call((s) => tcpShutdown(s, how)); }
  accept(): Outcome { return this.call((s) => tcpAccept(s, () => 4)); }

  /** What a call finally returned: retry a blocked call once more now (as its wake-up would). */
  settle(o: Outcome | null = this.lastOutcome): { error?: string; result?: unknown } | 'blocked' {
    if (!o) throw new Error('no call made');
    if (o.kind === 'block') {
      const again = o.retry();
      return again.kind === 'block' ? 'blocked' : again.error ? { error: again.error } : { result: again.result };
    }
    return o.error ? { error: o.error } : { result: o.result };
  }

  /** Names of the timers running on the socket under test. */
  timers(): string[] {
    return Object.keys(this.sock.timers).sort();
  }

  /** The last cwnd record of the socket under test. */
  lastCwnd(): CwndRecord {
    const r = this.records('cwnd').filter((c) => c.sid === this.sock.sid);
    return r[r.length - 1];
  }

  // ---- what we sent ----

  /** Segments sent since the last call, in the tests' relative form; clears them. */
  takeSent(): Seg[] {
    const out = this.sent.map((p) => this.describe(p));
    this.sent.length = 0;
    return out;
  }

  describe(p: Packet): Seg {
    const t = p.tcp!;
    const s = this.connFor(p);
    const iss = s ? s.iss : 0;
    const shift = s && !(t.flags & SYN) ? s.rcvShift : 0;
    const seg: Seg = {
      flags: readableFlags(t.flags),
      seq: seqDiff(t.seq, iss),
      ack: t.flags & ACK ? seqDiff(t.ack, this.peerIss) : 0,
      len: t.payload.length,
      win: t.window << shift,
    };
    const o: { mss?: number; wscale?: number } = {};
    for (const x of t.options) {
      if (x.kind === 'mss') o.mss = x.value;
      if (x.kind === 'wscale') o.wscale = x.shift;
    }
    if (Object.keys(o).length) seg.opts = o;
    return seg;
  }

  private connFor(p: Packet): TcpSocket | undefined {
    const t = p.tcp!;
    return this.stack.sockets().find((s) => s.local?.port === t.srcPort && s.remote?.port === t.dstPort) ?? (this.sock?.remote ? this.sock : undefined);
  }

  /** State changes recorded so far for the socket under test. */
  stateChanges(): Array<[string, string]> {
    return this.tracer.records.filter((r): r is StateRecord => r.type === 'state' && r.sid === this.sock.sid).map((r) => [r.from, r.to]);
  }

  records<T extends TraceRecord['type']>(type: T): Extract<TraceRecord, { type: T }>[] {
    return this.tracer.records.filter((r) => r.type === type) as Extract<TraceRecord, { type: T }>[];
  }
}

/** Flags as people say them: "SYN,ACK", "FIN,ACK", "RST,ACK", "PSH,ACK", "FIN,PSH,ACK". */
const SAY_ORDER: ReadonlyArray<FlagName> = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG'];
export function readableFlags(bits: number): string {
  const names = flagNames(bits);
  return SAY_ORDER.filter((f) => names.includes(f)).join(',');
}

export { ACK, FIN, PSH, RST, SYN };
