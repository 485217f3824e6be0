// An in-memory bridge for component tests: it stands in for the WebSocket under the real
// BridgeClient (so the client, the trace mapper and the controller all run as in the app) and
// answers the protocol like the Node bridge does, with scripted peers: refused and forbidden
// targets, an echo, clients that connect to a listener, FINs, resets, and a bridge that vanishes.
import type { WebSocketLike } from '../../src/bridge/client';
import { BridgeClient } from '../../src/bridge/client';
import type { ClientMessage, ServerMessage } from '../../src/bridge/protocol';
import type { RealClientFactory } from '../../src/real/realClient';

type Ev = 'open' | 'close' | 'error' | 'message';
type Cb = (ev: { data?: unknown; code?: number }) => void;
type Payload = ServerMessage extends infer M ? (M extends { t: number } ? Omit<M, 't'> : never) : never;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export interface FakeBridgeOptions {
  allow?: string[];
  capture?: boolean;
  classroom?: boolean;
  /** Targets that answer RST (ECONNREFUSED). */
  refuse?: string[];
  /** Connected peers echo what they get. */
  echo?: boolean;
}

interface Sock { local?: string; remote?: string; port?: number; pendingAccept?: number; listening?: boolean }

export class FakeBridge implements WebSocketLike {
  readyState = 1;
  /** Every operation the page sent, as parsed JSON. */
  readonly ops: ClientMessage[] = [];
  private readonly cbs: Record<Ev, Cb[]> = { open: [], close: [], error: [], message: [] };
  private t = 0;
  private nextSock = 3;
  private nextPort = 50000;
  private readonly socks = new Map<number, Sock>();
  private helloSent = false;

  constructor(private readonly opts: FakeBridgeOptions = {}) {}

  addEventListener(type: Ev, cb: Cb): void {
    this.cbs[type].push(cb);
    // The client registers its message handler first: greet it right after, as the bridge does.
    if (type === 'message' && !this.helloSent) {
      this.helloSent = true;
      queueMicrotask(() => this.emit({
        ev: 'hello', version: 1, session: 1, allow: this.opts.allow ?? ['127.0.0.1:7'], kernelStates: true,
        capture: !!this.opts.capture, classroom: !!this.opts.classroom,
        limits: { maxPayload: 262144, maxDataBytes: 131072, maxSockets: 64, maxListeners: 4, maxUnclaimed: 16, connectsPerSecond: 10, maxBacklog: 64 },
      }));
    }
  }

  send(data: string): void {
    const msg = JSON.parse(data) as ClientMessage;
    this.ops.push(msg);
    queueMicrotask(() => this.handle(msg));
  }

  close(code = 1000): void { this.vanish(code); }

  /** The bridge process died (or the network went away): the socket closes without a reply. */
  vanish(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    for (const cb of this.cbs.close) cb({ code });
  }

  emit(m: Payload): void {
    if (this.readyState !== 1) return;
    // The bridge's monotonic clock runs at the page's pace (both are real time).
    this.t = Math.max(this.t + 0.001, 1000 + performance.now());
    const data = JSON.stringify({ ...m, t: this.t });
    for (const cb of this.cbs.message) cb({ data });
  }

  private ok(req: number, result: number, extra: Record<string, unknown> = {}) { this.emit({ ev: 'reply', req, ok: true, result, ...extra } as Payload); }
  private fail(req: number, code: string, syscall: string, reason?: string) {
    this.emit({ ev: 'reply', req, ok: false, code, syscall, ...(reason ? { reason } : {}) } as Payload);
  }

  private handle(m: ClientMessage) {
    switch (m.op) {
      case 'socket': { const id = this.nextSock++; this.socks.set(id, {}); this.ok(m.req, id); return; }
      case 'bind': {
        if (m.port > 0 && m.port < 1024) { this.fail(m.req, 'EACCES', 'bind', 'privileged-port'); return; }
        this.socks.get(m.sock)!.port = m.port || this.nextPort++; this.ok(m.req, 0); return;
      }
      case 'listen': {
        const s = this.socks.get(m.sock)!;
        s.local = `127.0.0.1:${s.port ?? this.nextPort++}`; s.listening = true;
        this.ok(m.req, 0, { local: s.local, backlog: m.backlog });
        this.emit({ ev: 'state', sock: m.sock, side: 'local', local: s.local, remote: '0.0.0.0:0', from: 'CLOSED', to: 'LISTEN' });
        return;
      }
      case 'accept': this.socks.get(m.sock)!.pendingAccept = m.req; this.emit({ ev: 'pending', req: m.req, waitingFor: 'connection' }); return;
      case 'connect': {
        const target = `${m.host}:${m.port}`;
        if (!(this.opts.allow ?? ['127.0.0.1:7']).includes(target)) { this.fail(m.req, 'EACCES', 'connect', 'not-allowed'); return; }
        if (this.opts.refuse?.includes(target)) {
          this.emit({ ev: 'pending', req: m.req, waitingFor: 'handshake' });
          this.fail(m.req, 'ECONNREFUSED', 'connect');
          return;
        }
        const s = this.socks.get(m.sock)!;
        s.local = `127.0.0.1:${this.nextPort++}`; s.remote = target;
        this.emit({ ev: 'pending', req: m.req, waitingFor: 'handshake' });
        this.ok(m.req, 0, { local: s.local, remote: s.remote });
        this.emit({ ev: 'state', sock: m.sock, side: 'local', local: s.local, remote: s.remote, from: 'CLOSED', to: 'ESTABLISHED' });
        return;
      }
      case 'send': {
        const bytes = unb64(m.data);
        this.ok(m.req, bytes.length);
        if (this.opts.echo && bytes.length) this.peerSends(m.sock, bytes);
        return;
      }
      case 'shutdown': case 'close': case 'abort': this.ok(m.req, 0); return;
      default: this.fail(m.req, 'EINVAL', m.op);
    }
  }

  // ---- what peers do -----------------------------------------------------------------------

  peerSends(sock: number, data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.emit({ ev: 'data', sock, data: b64(bytes) });
  }

  peerFin(sock: number): void { this.emit({ ev: 'eof', sock }); }

  peerReset(sock: number): void { this.emit({ ev: 'error', sock, code: 'ECONNRESET', syscall: 'read' }); }

  /** A client connects to listener `sock`; returns the accepted socket's id. */
  clientConnects(sock: number, remote = '127.0.0.1:41000'): number {
    const l = this.socks.get(sock)!;
    this.emit({ ev: 'incoming', sock, local: l.local!, remote, queued: 1 });
    const id = this.nextSock++;
    this.socks.set(id, { local: l.local, remote });
    if (l.pendingAccept !== undefined) {
      const req = l.pendingAccept;
      l.pendingAccept = undefined;
      this.ok(req, id, { local: l.local, remote });
      this.emit({ ev: 'state', sock: id, side: 'local', local: l.local!, remote, from: 'CLOSED', to: 'ESTABLISHED' });
    }
    return id;
  }
}

/** A client factory for the controller whose clients talk to `bridge` (a new one per call). */
export function fakeFactory(make: () => FakeBridge | Error): RealClientFactory & { last?: FakeBridge } {
  const f: RealClientFactory & { last?: FakeBridge } = async (params) => {
    const b = make();
    if (b instanceof Error) throw b;
    f.last = b;
    return BridgeClient.connect({ url: params.url, secret: params.secret, createSocket: () => b });
  };
  return f;
}
