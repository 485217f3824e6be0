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
import type { StateRecord, TraceRecord } from '../../../src/sim/trace/records';
import { seqAdd, seqDiff } from '../../../src/sim/tcp/seq';

export const LOCAL_IP = '10.0.0.2';
export const PEER_IP = '10.0.0.1';
export const LOCAL_PORT = 80;
export const PEER_PORT = 40000;
/** The peer's initial sequence number. */
export const PEER_ISS = 1_000_000;

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
  peerMss = 1460;
  mtu = 1500;

  constructor(options: TcpOptionsInput = {}) {
    this.opts = resolveTcpOptions(options);
    this.sched.afterEvent = () => this.tracer.flush();
    const host: HostContext = {
      name: 'local', ip: LOCAL_IP, sched: this.sched, tracer: this.tracer, rng: createRng(7, 'host:local'),
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

  /** A listener on port 80. */
  listen(backlog = 5): this {
    const l = this.stack.createSocket();
    this.stack.bind(l, '0.0.0.0', LOCAL_PORT);
    this.stack.listen(l, backlog);
    this.listener = l;
    this.sock = l;
    return this;
  }

  /** connect() to the peer: our SYN is sent (and captured). */
  synSent(): this {
    const s = this.stack.createSocket();
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

  private peerSynOpts(): { mss?: number; wscale?: number } {
    return { mss: this.peerMss, ...(this.peerShift !== null ? { wscale: this.peerShift } : {}) };
  }

  // ---- the peer's side ----

  /** Deliver a segment from the peer. seq is relative to the peer's ISS + 1 (−1 = the SYN itself
   *  at the ISS), ack relative to our ISS (so `ack: 1` acknowledges our SYN). */
  deliver(seg: Seg & { payload?: string | Uint8Array }): this {
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
        srcPort: PEER_PORT, dstPort: LOCAL_PORT,
        seq: seqAdd(PEER_ISS, seg.seq + 1),
        ack: seg.ack !== undefined && this.sock ? seqAdd(this.ourIss(), seg.ack) : 0,
        flags, window: seg.win ?? this.peerWindow, urgent: 0, options, payload,
      },
    };
    this.stack.receive(p);
    this.flush();
    return this;
  }

  /** Our ISS (the socket under test, or the connection a listener created). */
  ourIss(): number {
    const s = this.sock.state === 'LISTEN' ? this.listener!.synQueue[0] ?? this.listener!.acceptQueue[0] : this.sock;
    return s ? s.iss : 0;
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
      flags: flagNames(t.flags).join(','),
      seq: seqDiff(t.seq, iss),
      ack: t.flags & ACK ? seqDiff(t.ack, PEER_ISS) : 0,
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

export { ACK, FIN, PSH, RST, SYN };
