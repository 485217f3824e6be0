// A TCP socket: the transmission control block (RFC 9293 §3.3.1, field names as there), its
// buffers and timers. Segment processing lives in tcpInput.ts, sending in tcpOutput.ts, timers in
// tcpTimers.ts; every state change goes through setState, which records `from → to`.
import type { TimerHandle } from '../engine/scheduler';
import type { CwndRecord, Errno, SegmentNote, TcpState, TimerName } from '../trace/records';
import type { HostContext } from '../net/hostContext';
import type { TcpOptions } from './profiles';
import { ByteQueue } from './byteQueue';
import { isDiagramTransition } from './transitions';
import type { SeqNum } from './seq';
import { seqDiff } from './seq';
import { TimerSet } from './timerSet';
import { WaitList } from '../engine/waitList';
import { Reassembly } from './reassembly';

export interface Endpoint { ip: string; port: number }

/** What a socket needs from its host's TCP layer. */
export interface TcpStackLike {
  hashConnection(s: TcpSocket): void;
  unhash(s: TcpSocket): void;
  releasePort(s: TcpSocket): void;
}


export const INFINITE_SSTHRESH = 0x7fffffff;

export class TcpSocket {
  readonly sid: number;
  state: TcpState = 'CLOSED';
  fd: number | undefined;
  local: Endpoint | null = null;
  remote: Endpoint | null = null;
  /** Set once the application closed the socket: it lives on only for the protocol (orphan). */
  orphan = false;
  /** The port came from bind() (kept until close) rather than being picked by connect(). */
  explicitBind = false;
  /** The host's TCP layer (lookup tables, ports); set by the stack that creates the socket. */
  stack!: TcpStackLike;

  // Listening socket
  backlog = 0;
  synQueue: TcpSocket[] = [];
  acceptQueue: TcpSocket[] = [];
  /** For a connection created by a listener: the listener (until accept() hands it out). */
  parent: TcpSocket | null = null;
  passiveOpen = false;

  // Send sequence variables
  iss: SeqNum = 0;
  sndUna: SeqNum = 0;
  sndNxt: SeqNum = 0;
  /** Highest sequence number sent so far (BSD snd_max): after an RTO, sndNxt goes back to sndUna. */
  sndMax: SeqNum = 0;
  sndWnd = 0;
  /** End of the last segment sent shorter than the MSS (Linux snd_sml, for Minshall's Nagle). */
  sndSml: SeqNum = 0;
  /** Largest window the peer has offered (sender SWS avoidance, RFC 9293 §3.8.6.2.1). */
  maxSndWnd = 0;
  sndWl1: SeqNum = 0;
  sndWl2: SeqNum = 0;

  // Receive sequence variables
  irs: SeqNum = 0;
  rcvNxt: SeqNum = 0;
  /** Window we last advertised (bytes, after scaling) and its right edge, which never moves left. */
  rcvWnd = 0;
  rcvAdvEdge: SeqNum = 0;

  // Options negotiated on the SYN
  /** Shift we apply to windows we receive (the peer's wscale) and to windows we send (ours). */
  sndShift = 0;
  rcvShift = 0;
  /** Our wscale offer, sent in our SYN; applies only if the peer offered one too (RFC 7323 §2.2). */
  offeredShift: number | null = null;
  /** Effective send MSS. */
  mss = 536;

  // Buffers
  sndBufSize: number;
  rcvBufSize: number;
  /** Data from sequence number sndBufSeq on: sent-but-unacknowledged, then unsent. */
  sendBuf = new ByteQueue();
  sndBufSeq: SeqNum = 0;
  /** In-order data not yet read by the application. */
  rcvQueue = new ByteQueue();
  /** Segments received out of order. */
  readonly ooo = new Reassembly();

  // Closing
  /** The application asked for a FIN (close or shutdown(SHUT_WR)); it goes after the queued data. */
  finQueued = false;
  finSent = false;
  finSeq: SeqNum = 0;
  /** The peer's FIN has been received in order: reads return 0 once rcvQueue is empty. */
  finReceived = false;
  rdShut = false;
  wrShut = false;

  /** Pending error (Linux sk_err, SO_ERROR) reported once by the next call, e.g. ECONNRESET. */
  softError: Errno | null = null;
  /** A soft error (Linux sk_err_soft, e.g. an ICMP unreachable while retrying a SYN): never
   *  reported by itself, but it replaces ETIMEDOUT when the connection finally times out. */
  errSoft: Errno | null = null;
  /** The connection was reset or aborted: later sends fail with EPIPE, reads return 0. */
  reset = false;
  /** A non-blocking connect() is in progress and its outcome not yet collected (Linux SS_CONNECTING). */
  connecting = false;
  /** The connection was established once (Linux SS_CONNECTED): connect() again is EISCONN. */
  wasEstablished = false;

  // Retransmission (RFC 6298) and congestion control (RFC 5681/6582)
  srtt: number | null = null; // ms
  rttvar = 0; // ms
  rto: number; // ms
  backoff = 0;
  /** Segment being timed: sequence number that must be acked, and the time it was sent (µs). */
  rttSeq: SeqNum | null = null;
  rttStart = 0;
  cwnd = 0;
  ssthresh = INFINITE_SSTHRESH;
  dupAcks = 0;
  inRecovery = false;
  recover: SeqNum = 0;
  /** `recover` holds a real value (a recovery or RTO has happened). */
  recoverValid = false;
  bytesAckedCA = 0;
  /** Retransmissions of the same data/SYN/FIN without progress. */
  retransmits = 0;
  synRetransmits = 0;

  // Delayed ACK and pending ACKs
  ackNow = false;
  /** In-order bytes received since our last ACK (delayed ACK: ACK once more than one MSS is due). */
  ackPendingBytes = 0;
  /** Linux quick-ACK budget (set when the first data arrives) and interactive (ping-pong) mode. */
  quickAcks = -1;
  pingpong = false;
  /** When data last arrived (µs), to detect an application that answers within the ACK delay. */
  lastDataRcvUs = -1;
  /** A data or window-update ACK note to put on the next pure ACK. */
  pendingAckNote: SegmentNote | null = null;

  // Socket options
  reuseAddr = false;
  linger: number | null = null;
  nodelay = false;
  nonblock = false;
  keepalive = false;

  private readonly timerSet: TimerSet;
  /** Callbacks of blocked calls waiting on this socket. */
  readonly waiters: WaitList;
  /** The values of the last `buffer` and `cwnd` records, to write only changes (kept apart from
   *  the records, which belong to the trace, and updated in place). */
  private lastBuffer: number[] | null = null;
  private bufferDirty = false;
  private lastCwnd: { cwnd: number; ssthresh: number; phase: string; srtt: number | null; rttvar: number; rto: number } | null = null;

  constructor(readonly host: HostContext, public opts: TcpOptions) {
    this.sid = host.nextSid();
    this.sndBufSize = opts.sndbuf;
    this.rcvBufSize = opts.rcvbuf;
    this.rto = opts.rtoInitial;
    this.waiters = new WaitList(host.sched);
    this.timerSet = new TimerSet(host.sched, (name) => {
      this.host.tracer.emit({ type: 'timer', host: this.host.name, sock: this.name, sid: this.sid, timer: name, event: 'fire', t: this.host.tracer.now });
    });
  }

  /** "ip:port" or "ip:port->ip:port", as the trace names sockets. */
  get name(): string {
    const l = this.local;
    const r = this.remote;
    if (this.nameCache && this.nameLocal === l && this.nameRemote === r) return this.nameCache;
    const ls = l ? `${l.ip}:${l.port}` : '0.0.0.0:0';
    this.nameCache = r ? `${ls}->${r.ip}:${r.port}` : ls;
    this.nameLocal = l;
    this.nameRemote = r;
    return this.nameCache;
  }
  private nameCache = '';
  private nameLocal: Endpoint | null = null;
  private nameRemote: Endpoint | null = null;

  setState(to: TcpState, cause: string): void {
    const from = this.state;
    if (from === to) return;
    if (!isDiagramTransition(from, to)) {
      throw new Error(`TCP bug: ${from} → ${to} (${cause}) is not a transition of RFC 9293's diagram`);
    }
    this.state = to;
    if (to === 'ESTABLISHED') this.wasEstablished = true;
    this.host.tracer.emit({ type: 'state', host: this.host.name, sock: this.name, sid: this.sid, from, to, fd: this.fd, cause, t: this.host.tracer.now });
    this.wake();
  }

  /** Wake blocked callers once, after the current event (they re-check their condition). */
  wake(): void {
    this.waiters.wake();
  }

  /** Bytes of payload sent but not acknowledged. */
  get inFlight(): number {
    return Math.max(0, seqDiff(this.sndNxt, this.sndUna) - (this.finSent && seqDiff(this.sndNxt, this.finSeq) > 0 ? 1 : 0) - (this.synOutstanding ? 1 : 0));
  }

  get synOutstanding(): boolean {
    return this.sndUna === this.iss && (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED');
  }

  /** Bytes in the send buffer not yet sent. */
  get unsent(): number {
    return Math.max(0, this.sendBuf.length - Math.max(0, seqDiff(this.sndNxt, this.sndBufSeq)));
  }

  get oooBytes(): number {
    return this.ooo.bytes;
  }

  /** The receive window still open: what the peer may send now (our advertised right edge
   *  minus RCV.NXT; RCV.WND of RFC 9293, Linux's tcp_receive_window). */
  get rcvWndOpen(): number {
    return Math.max(0, seqDiff(this.rcvAdvEdge, this.rcvNxt));
  }

  /** Free receive-buffer space: the most we could advertise now. */
  get rcvSpace(): number {
    return Math.max(0, this.rcvBufSize - this.rcvQueue.length - this.oooBytes);
  }

  get sndSpace(): number {
    return Math.max(0, this.sndBufSize - this.sendBuf.length);
  }

  /** Note that the buffers changed; one `buffer` record is written at the end of the event. */
  traceBuffer(): void {
    if (this.bufferDirty) return;
    this.bufferDirty = true;
    this.host.tracer.defer(this);
  }

  flushTrace(): void {
    this.bufferDirty = false;
    if (this.state === 'LISTEN' || this.state === 'CLOSED' && !this.local) return;
    const unsent = this.unsent;
    const inFlight = Math.min(this.inFlight, this.sendBuf.length);
    const unread = this.rcvQueue.length;
    const ooo = this.oooBytes;
    let l = this.lastBuffer;
    if (l && l[0] === this.sndBufSize && l[1] === unsent && l[2] === inFlight && l[3] === this.rcvBufSize
      && l[4] === unread && l[5] === ooo && l[6] === this.rcvWnd && l[7] === this.sndWnd) return;
    if (!l) l = this.lastBuffer = [];
    l[0] = this.sndBufSize; l[1] = unsent; l[2] = inFlight; l[3] = this.rcvBufSize;
    l[4] = unread; l[5] = ooo; l[6] = this.rcvWnd; l[7] = this.sndWnd;
    this.host.tracer.emit({
      type: 'buffer', host: this.host.name, sock: this.name, sid: this.sid,
      sndSize: this.sndBufSize, sndUnsent: unsent, sndInFlight: inFlight,
      rcvSize: this.rcvBufSize, rcvUnread: unread, rcvOutOfOrder: ooo, rcvWnd: this.rcvWnd, sndWnd: this.sndWnd,
      t: this.host.tracer.now,
    });
  }

  traceCwnd(): void {
    const phase = this.inRecovery ? 'fast-recovery' : this.cwnd < this.ssthresh ? 'slow-start' : 'congestion-avoidance';
    const l = this.lastCwnd;
    if (l && l.cwnd === this.cwnd && l.ssthresh === this.ssthresh && l.phase === phase && l.srtt === this.srtt
      && l.rttvar === this.rttvar && l.rto === this.rto) return;
    if (l) {
      l.cwnd = this.cwnd; l.ssthresh = this.ssthresh; l.phase = phase; l.srtt = this.srtt; l.rttvar = this.rttvar; l.rto = this.rto;
    } else {
      this.lastCwnd = { cwnd: this.cwnd, ssthresh: this.ssthresh, phase, srtt: this.srtt, rttvar: this.rttvar, rto: this.rto };
    }
    const t = this.host.tracer.now;
    // srtt and rttvar come after rto, and only once there is an estimate.
    const rec: CwndRecord = this.srtt === null
      ? { t, type: 'cwnd', host: this.host.name, sock: this.name, sid: this.sid, cwnd: this.cwnd, ssthresh: this.ssthresh, phase, rto: round3(this.rto) }
      : {
        t, type: 'cwnd', host: this.host.name, sock: this.name, sid: this.sid, cwnd: this.cwnd, ssthresh: this.ssthresh, phase, rto: round3(this.rto),
        srtt: round3(this.srtt), rttvar: round3(this.rttvar),
      };
    this.host.tracer.emit(rec);
  }

  traceQueue(): void {
    this.host.tracer.emit({
      type: 'queue', host: this.host.name, sock: this.name, sid: this.sid,
      synQueue: this.synQueue.length, acceptQueue: this.acceptQueue.length,
      acceptMax: this.acceptMax, synMax: this.synMax, t: this.host.tracer.now,
    });
  }

  get acceptMax(): number {
    return this.opts.acceptQueue === 'n+1' ? this.backlog + 1 : Math.max(1, this.backlog);
  }

  get synMax(): number {
    return this.opts.synQueue === 'backlog' ? this.acceptMax : this.opts.synQueue;
  }

  /** Start (or restart) a timer; `backoff` goes into its `set` record. */
  setTimer(name: TimerName, delayMs: number, fire: () => void, backoff?: number): void {
    const at = this.host.sched.now + Math.round(delayMs * 1000);
    this.timerSet.set(name, at, fire);
    const tr = this.host.tracer;
    tr.emit(backoff === undefined
      ? { type: 'timer', host: this.host.name, sock: this.name, sid: this.sid, timer: name, event: 'set', at: at / 1000, t: tr.now }
      : { type: 'timer', host: this.host.name, sock: this.name, sid: this.sid, timer: name, event: 'set', at: at / 1000, backoff, t: tr.now });
  }

  hasTimer(name: TimerName): boolean {
    return this.timerSet.has(name);
  }

  /** The running timers (for tests and views). */
  get timers(): Partial<Record<TimerName, TimerHandle>> {
    const out: Partial<Record<TimerName, TimerHandle>> = {};
    for (const name of this.timerSet.names()) out[name] = this.timerSet.handle(name);
    return out;
  }

  cancelTimer(name: TimerName, record = true): void {
    if (!this.timerSet.cancel(name) || !record) return;
    this.host.tracer.emit({ type: 'timer', host: this.host.name, sock: this.name, sid: this.sid, timer: name, event: 'cancel', t: this.host.tracer.now });
  }

  cancelAllTimers(): void {
    for (const name of this.timerSet.names()) this.cancelTimer(name);
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
