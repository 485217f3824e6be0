// One authenticated page = one session: its socket table (ids never reused), its limits, and the
// WebSocket it talks through. Messages are validated, dispatched to the stream/datagram
// operations, and every failure becomes an errno-style reply; nothing a page sends can throw.
// When the session ends, every socket, listener and capture it owns is destroyed.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Logger } from './log';
import { MAX_DATA_BYTES, MAX_PAYLOAD, parseClientMessage, type ClientMessage, PROTOCOL_VERSION } from './protocol';
import type { BridgeLimits, Entry, OpHandler, Outgoing, SessionApi } from './sessionTypes';
import type { OwnEndpoint, TargetPolicy, AllowEntry } from './targetPolicy';
import type { KernelStates, Tracking } from './kernelStates';
import type { CaptureManager } from './capture';
import { isLoopback, parseIp } from './addresses';
import { streamOps, destroyStream } from './streamOps';
import { dgramOps, destroyDgram } from './dgramOps';

export interface SessionContext {
  id: number;
  limits: BridgeLimits;
  classroom: boolean;
  policy: TargetPolicy;
  allow: readonly AllowEntry[];
  log: Logger;
  kernel: KernelStates | null;
  capture: CaptureManager | null;
  now: () => number;
}

const FIRST_ID = 3;

export class Session implements SessionApi {
  readonly id: number;
  readonly limits: BridgeLimits;
  readonly classroom: boolean;
  readonly policy: TargetPolicy;
  readonly log: Logger;
  readonly kernel: KernelStates | null;
  readonly capture: CaptureManager | null;
  private readonly table = new Map<number, Entry>();
  private nextId = FIRST_ID;
  private tokens: number;
  private lastRefill: number;
  private isCongested = false;
  private ended = false;
  /** Sockets the page closed that are still flushing (see `linger`). */
  private readonly closing = new Set<Socket>();
  /** Connections followed in /proc (each leaves this set when its tracking ends). */
  private readonly trackings = new Set<Tracking>();
  /** Heartbeat bookkeeping (read by the server's timer). */
  missedPongs = 0;

  constructor(private readonly ws: WebSocket, private readonly ctx: SessionContext) {
    this.id = ctx.id;
    this.limits = ctx.limits;
    this.classroom = ctx.classroom;
    this.policy = ctx.policy;
    this.log = ctx.log;
    this.kernel = ctx.kernel;
    this.capture = ctx.capture;
    this.tokens = ctx.limits.connectsPerSecond;
    this.lastRefill = ctx.now();
  }

  hello(): void {
    const l = this.limits;
    this.emit({
      ev: 'hello', version: PROTOCOL_VERSION, session: this.id,
      limits: {
        maxPayload: MAX_PAYLOAD, maxDataBytes: MAX_DATA_BYTES, maxSockets: l.maxSockets, maxListeners: l.maxListeners,
        maxUnclaimed: l.maxUnclaimed, connectsPerSecond: l.connectsPerSecond, maxBacklog: l.maxBacklog,
      },
      allow: this.ctx.allow.map((a) => a.text),
      kernelStates: this.kernel !== null, capture: this.capture !== null, classroom: this.classroom,
    });
  }

  // ---- sending -----------------------------------------------------------------------------

  emit(msg: Outgoing, t = this.ctx.now()): void {
    if (this.ended || this.ws.readyState !== this.ws.OPEN) return;
    const text = JSON.stringify({ ...msg, t: Math.max(0, Math.round(t * 1000) / 1000) });
    this.ws.send(text, () => this.onSent());
    const queued = this.ws.bufferedAmount;
    if (queued > this.limits.wsHardLimit) {
      // A page that never reads would make us buffer without end: cut it off.
      this.log.warn('session-overflow', { session: this.id, queued });
      this.ws.terminate();
      return;
    }
    if (queued > this.limits.wsHighWater) this.isCongested = true;
  }

  private onSent(): void {
    if (this.isCongested && this.ws.bufferedAmount < this.limits.wsLowWater) {
      this.isCongested = false;
      for (const e of this.table.values()) if (e.kind === 'stream') streamOps.pump(this, e);
    }
  }

  ok(req: number, result: number, extra: { local?: string; remote?: string; data?: string; backlog?: number } = {}): void {
    this.emit({ ev: 'reply', req, ok: true, result, ...extra });
  }

  fail(req: number | null, code: string, syscall: string, reason?: string): void {
    this.emit({ ev: 'reply', req, ok: false, code, syscall, ...(reason ? { reason: reason.slice(0, 200) } : {}) });
  }

  congested(): boolean { return this.isCongested; }

  // ---- socket table ------------------------------------------------------------------------

  get(id: number): Entry | undefined { return this.table.get(id); }

  add(make: (id: number) => Entry): Entry | null {
    if (this.ended || this.table.size + this.closing.size >= this.limits.maxSockets) return null;
    const e = make(this.nextId++);
    this.table.set(e.id, e);
    return e;
  }

  remove(id: number): void { this.table.delete(id); }

  linger(socket: Socket): void {
    if (this.ended) { socket.resetAndDestroy(); return; }
    this.closing.add(socket);
    const timer = setTimeout(() => {
      this.log.info('close-linger-expired', { session: this.id, unsent: socket.writableLength });
      socket.resetAndDestroy();
    }, this.limits.closeLingerMs);
    timer.unref();
    socket.once('close', () => { clearTimeout(timer); this.closing.delete(socket); });
  }

  count(kind?: 'listeners'): number {
    if (!kind) return this.table.size;
    let n = 0;
    for (const e of this.table.values()) if ((e.kind === 'stream' && e.server) || (e.kind === 'dgram' && e.socket)) n++;
    return n;
  }

  takeConnectToken(): boolean {
    const now = this.ctx.now();
    const rate = this.limits.connectsPerSecond;
    this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  ownEndpoints(proto: 'tcp' | 'udp'): OwnEndpoint[] {
    const out: OwnEndpoint[] = [];
    for (const e of this.table.values()) {
      if (proto === 'tcp' && e.kind === 'stream' && e.phase === 'listening' && e.bindIp && e.listenPort) {
        out.push({ ip: e.bindIp, port: e.listenPort });
      } else if (proto === 'udp' && e.kind === 'dgram' && e.localIp && e.localPort) {
        out.push({ ip: e.localIp, port: e.localPort });
      }
    }
    return out;
  }

  track(sock: number, local: string, remote: string, socket?: Socket): void {
    if (!this.kernel || this.ended || this.trackings.size >= this.limits.maxTracked) return;
    const ip = parseIp(remote.replace(/:\d+$/, ''));
    const peerIsLocal = ip !== null && isLoopback(ip);
    const t: Tracking = this.kernel.track(local, remote, peerIsLocal && !remote.endsWith(':0'), (side, from, to, entry) => {
      this.emit({
        ev: 'state', sock, side, local: side === 'local' ? local : remote, remote: side === 'local' ? remote : local,
        from, to, ...(entry ? { txQueue: entry.txQueue, rxQueue: entry.rxQueue } : {}),
      });
    }, () => { this.trackings.delete(t); });
    this.trackings.add(t);
    if (socket?.destroyed) t.ended();
    else socket?.once('close', () => t.ended());
  }

  closed(): boolean { return this.ended; }

  // ---- input -------------------------------------------------------------------------------

  async receive(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    if (isBinary) { this.fail(null, 'EINVAL', 'recvmsg', 'binary frames are not part of the protocol'); return; }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) { this.fail(parsed.req, 'EINVAL', 'recvmsg', parsed.reason); return; }
    try {
      await this.dispatch(parsed.msg);
    } catch (e) {
      // A bug of ours must not take the bridge down; the page still gets an answer.
      this.log.warn('op-failed', { op: parsed.msg.op, error: (e as Error).message });
      this.fail(parsed.msg.req, 'EINVAL', parsed.msg.op, 'internal-error');
    }
  }

  private dispatch(msg: ClientMessage): void | Promise<void> {
    if (msg.op === 'socket') return this.openSocket(msg);
    const e = this.table.get(msg.sock);
    if (!e) { this.fail(msg.req, 'EBADF', msg.op); return; }
    const ops = (e.kind === 'stream' ? streamOps : dgramOps) as unknown as Record<string, OpHandler | undefined>;
    const handler = ops[msg.op];
    if (!handler) { this.fail(msg.req, 'EOPNOTSUPP', msg.op, `${msg.op} on a ${e.kind} socket`); return; }
    return handler(this, msg);
  }

  private openSocket(msg: Extract<ClientMessage, { op: 'socket' }>): void {
    const e = this.add((id) => msg.type === 'stream'
      ? { kind: 'stream', id, read: msg.read ?? 'auto', phase: 'fresh', wrShut: false, rdShut: false, eof: false, eofReported: false, wantDrain: false, unclaimed: [] }
      : { kind: 'dgram', id, filterPeers: false, peers: new Set(), heard: [] });
    if (!e) { this.fail(msg.req, 'EMFILE', 'socket', 'socket-limit'); return; }
    this.ok(msg.req, e.id);
  }

  /** Ends the session: every socket, listener, capture and kernel tracker it owns goes. */
  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    for (const e of this.table.values()) {
      if (e.kind === 'stream') destroyStream(e); else destroyDgram(e);
    }
    this.table.clear();
    // Bytes a closed socket could not flush by now are never delivered: say so with a reset.
    for (const socket of this.closing) socket.resetAndDestroy();
    this.closing.clear();
    for (const t of [...this.trackings]) t.stop();
  }
}
