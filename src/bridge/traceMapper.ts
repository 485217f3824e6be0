// Turns bridge traffic into the simulator's trace records, so every view shows real sockets
// unchanged: the page's operations become call/block/return, auto-read bytes become recv
// call/return pairs, /proc/net/tcp changes become `state`, captured segments become `segment`
// (with Wireshark's relative numbers and the scaled window) and UDP becomes `datagram`.
// Peer bytes stay data: `data` is lossy UTF-8 text, `hex` the bytes themselves.
import type { FlagName } from '../sim/net/packet';
import type {
  CallArgs, Errno, RecvResult, SegmentRecord, TraceRecord,
} from '../sim/trace/records';
import { base64ToBytes, bytesToHex, bytesToText } from './bytes';
import type { ClientMessage, ServerMessage } from './protocol';

export interface TraceMapperOptions {
  /** Lifeline name of the sockets the page owns. */
  localHost?: string;
  /** Lifeline name of a peer endpoint ("ip:port"). */
  peerHost?: (addr: string) => string;
  /** The page's monotonic clock (ms), to time calls between bridge events. */
  now?: () => number;
  /** Bytes of hex kept per record. */
  maxHex?: number;
  /** Bytes kept as text per record (a longer read ends in "…"): a flood must not fill the page. */
  maxText?: number;
}

interface Pending { id: number; op: string; step: number; t: number; fd?: number }
interface SockInfo { peerPort?: number; listenPort?: number; local?: string; remote?: string }
interface Flow { isn?: number; wscale?: number }

const WAITING: Record<string, 'connection' | 'handshake' | 'data' | 'buffer-space'> = {
  connection: 'connection', handshake: 'handshake', data: 'data', 'buffer-space': 'buffer-space',
};

function portOf(addr: string): number { return Number(addr.slice(addr.lastIndexOf(':') + 1)); }

export class BridgeTraceMapper {
  private readonly local: string;
  private readonly peerHost: (addr: string) => string;
  private readonly now: () => number;
  private readonly maxHex: number;
  private readonly maxText: number;
  private t0: number | null = null;
  private pageAtHello = 0;
  private lastT = 0;
  private nextId = 1;
  private step = 0;
  private nextPacket = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly socks = new Map<number, SockInfo>();
  private readonly flows = new Map<string, Flow>();
  private readonly queued = new Map<number, number>();
  /** Socket ids for peers' ends (no page id): far above any id the bridge hands out. */
  private readonly peerSids = new Map<string, number>();
  private nextPeerSid = 1_000_000_000;

  constructor(opts: TraceMapperOptions = {}) {
    this.local = opts.localHost ?? 'local';
    this.peerHost = opts.peerHost ?? ((a) => a);
    this.now = opts.now ?? (() => 0);
    this.maxHex = opts.maxHex ?? 4096;
    this.maxText = opts.maxText ?? 4096;
  }

  private rel(t: number): number {
    const r = Math.round((this.t0 === null ? 0 : Math.max(0, t - this.t0)) * 1000) / 1000;
    // Remember the rounded time: a call made right after this event must not sort before it.
    this.lastT = Math.max(this.lastT, r);
    return r;
  }

  private info(sock: number): SockInfo {
    let i = this.socks.get(sock);
    if (!i) { i = {}; this.socks.set(sock, i); }
    return i;
  }

  private recvResult(b64: string, from?: string): RecvResult {
    const bytes = base64ToBytes(b64);
    return { bytes: bytes.length, data: this.text(bytes), hex: bytesToHex(bytes, this.maxHex), ...(from ? { from } : {}) };
  }

  private text(bytes: Uint8Array): string {
    return bytes.length > this.maxText ? `${bytesToText(bytes.subarray(0, this.maxText))}…` : bytesToText(bytes);
  }

  private call(t: number, op: string, fd?: number): Pending {
    return { id: this.nextId++, op, step: this.step++, t, fd };
  }

  private callRecord(p: Pending, args: CallArgs): TraceRecord {
    return { t: p.t, type: 'call', host: this.local, op: p.op, args, id: p.id, prog: 0, step: p.step, ...(p.fd !== undefined ? { fd: p.fd, sid: p.fd } : {}) };
  }

  private peerSid(tuple: string): number {
    let sid = this.peerSids.get(tuple);
    if (sid === undefined) { sid = this.nextPeerSid++; this.peerSids.set(tuple, sid); }
    return sid;
  }

  private ret(p: Pending, t: number, outcome: { result?: number | RecvResult; error?: Errno; sid?: number; sock?: string }): TraceRecord {
    return { t: Math.max(t, p.t), type: 'return', host: this.local, op: p.op, id: p.id, prog: 0, step: p.step, ...outcome };
  }

  /** A synthetic call that returns at once (auto-read recv, datagrams, async errors). */
  private instant(t: number, op: string, args: CallArgs, fd: number, outcome: { result?: number | RecvResult; error?: Errno }): TraceRecord[] {
    const p = this.call(t, op, fd);
    return [this.callRecord(p, args), this.ret(p, t, outcome)];
  }

  /** Records for an operation the page is sending now. */
  outgoing(msg: ClientMessage): TraceRecord[] {
    const t = this.t0 === null ? this.lastT : Math.max(this.lastT, Math.round((this.now() - this.pageAtHello) * 1000) / 1000);
    const fd = 'sock' in msg ? msg.sock : undefined;
    let args: CallArgs;
    switch (msg.op) {
      case 'socket': args = { type: msg.type }; break;
      case 'bind': args = { port: msg.port, ...(msg.ip ? { ip: msg.ip } : {}) }; this.info(msg.sock).listenPort = msg.port || undefined; break;
      case 'listen': args = { backlog: msg.backlog }; break;
      case 'accept': args = {}; break;
      case 'connect': args = { to: msg.host, port: msg.port }; this.info(msg.sock).peerPort = msg.port; break;
      case 'send': case 'sendto': {
        const bytes = base64ToBytes(msg.data);
        args = { data: this.text(bytes), hex: bytesToHex(bytes, this.maxHex), bytes: bytes.length, ...(msg.op === 'sendto' ? { to: msg.host, port: msg.port } : {}) };
        break;
      }
      case 'recv': args = { max: msg.max }; break;
      case 'shutdown': args = { how: msg.how }; break;
      case 'close': case 'abort': args = {}; break;
    }
    const out: TraceRecord[] = [];
    if (msg.op === 'abort') {
      // BSD spells an abortive close as SO_LINGER {on, 0} followed by close(): RST, no FIN.
      out.push(...this.instant(t, 'setsockopt', { name: 'SO_LINGER', value: 0 }, msg.sock, { result: 0 }));
    }
    const p = this.call(t, msg.op === 'abort' ? 'close' : msg.op, fd);
    this.pending.set(msg.req, p);
    out.push(this.callRecord(p, args));
    return out;
  }

  /** Records for a message from the bridge (none for messages with no trace meaning). */
  incoming(msg: ServerMessage): TraceRecord[] {
    if (msg.ev === 'hello') { this.t0 = msg.t; this.pageAtHello = this.now(); return []; }
    const t = this.rel(msg.t);
    switch (msg.ev) {
      case 'reply': {
        if (msg.req === null) return [];
        const p = this.pending.get(msg.req);
        if (!p) return [];
        this.pending.delete(msg.req);
        if (!msg.ok) return [this.ret(p, t, { error: msg.code as Errno })];
        if (p.op === 'recv') return [this.ret(p, t, { result: this.recvResult(msg.data ?? '') })];
        if (p.op === 'accept' && p.fd !== undefined) {
          const i = this.info(msg.result); i.local = msg.local; i.remote = msg.remote;
          const q = Math.max(0, (this.queued.get(p.fd) ?? 1) - 1);
          this.queued.set(p.fd, q);
        }
        if ((p.op === 'connect' || p.op === 'listen') && p.fd !== undefined) {
          const i = this.info(p.fd); i.local = msg.local; i.remote = msg.remote;
          if (p.op === 'listen' && msg.local) i.listenPort = portOf(msg.local);
        }
        const out: TraceRecord[] = [];
        if (p.op === 'sendto' && msg.local && msg.remote) {
          out.push({ t, type: 'datagram', event: 'send', id: this.nextPacket++, src: msg.local, dst: msg.remote, len: msg.result, from: this.local, to: this.peerHost(msg.remote) });
        }
        const numeric = p.op === 'socket' || p.op === 'accept' || p.op === 'send' || p.op === 'sendto';
        // socket()/accept() name the new socket's id; connect()/accept() its name once known.
        const sid = p.op === 'socket' || p.op === 'accept' ? { sid: msg.result } : {};
        const sock = (p.op === 'connect' || p.op === 'accept') && msg.local && msg.remote ? { sock: `${msg.local}->${msg.remote}` } : {};
        out.unshift(this.ret(p, t, { result: numeric ? msg.result : 0, ...sid, ...sock }));
        return out;
      }
      case 'pending': {
        const p = this.pending.get(msg.req);
        if (!p) return [];
        return [{ t: Math.max(t, p.t), type: 'block', host: this.local, op: p.op, id: p.id, prog: 0, step: p.step, waitingFor: WAITING[msg.waitingFor] }];
      }
      case 'data': return this.instant(t, 'recv', { auto: true }, msg.sock, { result: this.recvResult(msg.data) });
      case 'eof': return this.instant(t, 'recv', { auto: true }, msg.sock, { result: { bytes: 0, data: '' } });
      case 'error': return this.instant(t, msg.syscall === 'accept' ? 'accept' : 'recv', { auto: true }, msg.sock, { error: msg.code as Errno });
      case 'incoming': {
        const n = msg.queued;
        this.queued.set(msg.sock, n);
        return [{ t, type: 'queue', host: this.local, sock: msg.local, sid: msg.sock, synQueue: 0, acceptQueue: n, acceptMax: Math.max(n, 16), synMax: 0 }];
      }
      case 'datagram': {
        const id = this.nextPacket++;
        return [
          { t, type: 'datagram', event: 'deliver', id, src: msg.from, dst: msg.to, len: base64ToBytes(msg.data).length, from: this.peerHost(msg.from), to: this.local },
          ...this.instant(t, 'recvfrom', { auto: true }, msg.sock, { result: this.recvResult(msg.data, msg.from) }),
        ];
      }
      case 'state': {
        const listening = msg.remote.endsWith(':0') && msg.to !== 'TIME_WAIT';
        const sock = listening ? msg.local : `${msg.local}->${msg.remote}`;
        const local = msg.side === 'local';
        const host = local ? this.local : this.peerHost(msg.local);
        const sid = local ? msg.sock : this.peerSid(sock);
        return [{ t, type: 'state', host, sock, sid, from: msg.from, to: msg.to, cause: 'kernel', ...(local ? { fd: msg.sock } : {}) }];
      }
      case 'segment': return this.segment(msg, t);
      default: return [];
    }
  }

  /** Whether `addr` is the page's end of socket `sock`'s connection. */
  private isLocalEnd(sock: number, addr: string, other: string): boolean {
    const i = this.socks.get(sock);
    if (i?.local) { if (addr === i.local) return true; if (other === i.local) return false; }
    if (i?.listenPort !== undefined) return portOf(addr) === i.listenPort;
    if (i?.peerPort !== undefined) return portOf(other) === i.peerPort && portOf(addr) !== i.peerPort;
    return false;
  }

  private segment(msg: Extract<ServerMessage, { ev: 'segment' }>, t: number): TraceRecord[] {
    const fwd = this.flow(msg.src, msg.dst);
    const rev = this.flow(msg.dst, msg.src);
    const syn = msg.flags.includes('SYN');
    const ackSet = msg.flags.includes('ACK');
    if (syn || fwd.isn === undefined) fwd.isn = syn ? msg.seq : msg.seq;
    if (syn) fwd.wscale = msg.opts?.wscale;
    if (ackSet && rev.isn === undefined) rev.isn = (msg.ack - 1) >>> 0;
    // Window scaling applies only once both SYNs offered it (RFC 7323 §2.2), never to a SYN.
    const scaled = !syn && fwd.wscale !== undefined && rev.wscale !== undefined ? msg.win * 2 ** fwd.wscale : msg.win;
    const fromLocal = this.isLocalEnd(msg.sock, msg.src, msg.dst);
    const toLocal = this.isLocalEnd(msg.sock, msg.dst, msg.src);
    const base: Omit<SegmentRecord, 'event'> = {
      t, type: 'segment', id: this.nextPacket++, src: msg.src, dst: msg.dst, flags: msg.flags as FlagName[],
      seq: msg.seq, ack: msg.ack, rseq: (msg.seq - fwd.isn) >>> 0, rack: ackSet ? (msg.ack - (rev.isn ?? 0)) >>> 0 : 0,
      len: msg.len, win: scaled,
      from: fromLocal ? this.local : this.peerHost(msg.src), to: toLocal ? this.local : this.peerHost(msg.dst),
      ...(msg.opts ? { opts: msg.opts } : {}),
    };
    // Captured once on the wire; on a real network a segment is sent and delivered in one step.
    return [{ ...base, event: 'send' }, { ...base, event: 'deliver' }];
  }

  private flow(src: string, dst: string): Flow {
    const k = `${src}>${dst}`;
    let f = this.flows.get(k);
    if (!f) { f = {}; this.flows.set(k, f); }
    return f;
  }
}
