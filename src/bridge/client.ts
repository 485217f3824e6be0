// The page's side of the bridge: opens the WebSocket with the secret as a subprotocol entry,
// exposes every socket operation as a promise (rejecting with a BridgeError carrying the errno),
// and appends what happens to a trace of the simulator's record types, kept in time order, so
// every view shows real sockets unchanged. No DOM access: the stage subscribes to `record`.
import type { TraceRecord } from '../sim/trace/records';
import { bytesToBase64, base64ToBytes, textToBytes } from './bytes';
import {
  AUTH_SUBPROTOCOL_PREFIX, BRIDGE_SUBPROTOCOL, parseServerMessage,
  type ClientMessage, type OpRequest, type ReplyOk, type ServerEvent, type ServerMessage,
} from './protocol';
import { BridgeTraceMapper, type TraceMapperOptions } from './traceMapper';

/** The subset of the browser WebSocket the client uses (the `ws` package's client fits too). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', cb: (ev: { data?: unknown; code?: number }) => void): void;
}
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

export class BridgeError extends Error {
  constructor(readonly code: string, readonly syscall: string, readonly reason?: string) {
    super(`${syscall}: ${code}${reason ? ` (${reason})` : ''}`);
    this.name = 'BridgeError';
  }
}

export interface BridgeClientOptions extends TraceMapperOptions {
  url: string;
  secret: string;
  createSocket?: WebSocketFactory;
}

type Listener<T> = (value: T) => void;
interface Waiter { resolve: (m: ReplyOk) => void; reject: (e: BridgeError) => void; op: string }
export type Data = string | Uint8Array;

const toB64 = (d: Data) => bytesToBase64(typeof d === 'string' ? textToBytes(d) : d);

export class BridgeClient {
  /** Everything observed so far, ordered by time (capture events can arrive a little late). */
  readonly trace: TraceRecord[] = [];
  hello!: ServerEvent<'hello'>;
  private readonly mapper: BridgeTraceMapper;
  private readonly waiters = new Map<number, Waiter>();
  private readonly listeners = { record: new Set<Listener<TraceRecord>>(), event: new Set<Listener<ServerMessage>>(), close: new Set<Listener<number>>() };
  private nextReq = 1;
  private open = true;
  /** Messages from the bridge that failed validation (ignored). */
  invalid = 0;

  private constructor(private readonly ws: WebSocketLike, opts: BridgeClientOptions) {
    this.mapper = new BridgeTraceMapper({ now: () => performance.now(), ...opts });
  }

  /** Connects and waits for the bridge's hello; rejects if the bridge refuses or is absent. */
  static connect(opts: BridgeClientOptions): Promise<BridgeClient> {
    const create = opts.createSocket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike);
    const ws = create(opts.url, [BRIDGE_SUBPROTOCOL, `${AUTH_SUBPROTOCOL_PREFIX}${opts.secret}`]);
    const client = new BridgeClient(ws, opts);
    return new Promise((resolve, reject) => {
      let ready = false;
      ws.addEventListener('message', (ev) => {
        const m = client.onMessage(ev.data);
        if (m?.ev === 'hello' && !ready) { ready = true; client.hello = m; resolve(client); }
      });
      ws.addEventListener('close', (ev) => {
        client.onClose(ev.code ?? 1006);
        if (!ready) reject(new BridgeError('ECONNREFUSED', 'connect', 'the bridge is not running or refused this page'));
      });
      ws.addEventListener('error', () => { /* a close event follows */ });
    });
  }

  on(type: 'record', cb: Listener<TraceRecord>): () => void;
  on(type: 'event', cb: Listener<ServerMessage>): () => void;
  on(type: 'close', cb: Listener<number>): () => void;
  on(type: keyof BridgeClient['listeners'], cb: Listener<never>): () => void {
    const set = this.listeners[type] as Set<Listener<never>>;
    set.add(cb);
    return () => set.delete(cb);
  }

  get connected(): boolean { return this.open; }

  private append(records: TraceRecord[]) {
    for (const r of records) {
      let i = this.trace.length;
      while (i > 0 && this.trace[i - 1].t > r.t) i--;
      this.trace.splice(i, 0, r);
      for (const cb of this.listeners.record) cb(r);
    }
  }

  private onMessage(data: unknown): ServerMessage | null {
    if (typeof data !== 'string') { this.invalid++; return null; }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) { this.invalid++; return null; }
    const m = parsed.msg;
    this.append(this.mapper.incoming(m));
    if (m.ev === 'reply' && m.req !== null) {
      const w = this.waiters.get(m.req);
      if (w) {
        this.waiters.delete(m.req);
        if (m.ok) w.resolve(m); else w.reject(new BridgeError(m.code, m.syscall, m.reason));
      }
    }
    for (const cb of this.listeners.event) cb(m);
    return m;
  }

  private onClose(code: number) {
    if (!this.open) return;
    this.open = false;
    for (const w of this.waiters.values()) w.reject(new BridgeError('ECONNRESET', w.op, 'bridge connection closed'));
    this.waiters.clear();
    for (const cb of this.listeners.close) cb(code);
  }

  /** Sends one operation; resolves with the bridge's reply. */
  request(op: OpRequest): Promise<ReplyOk> {
    if (!this.open) return Promise.reject(new BridgeError('ENOTCONN', op.op, 'bridge connection closed'));
    const msg = { ...op, req: this.nextReq++ } as ClientMessage;
    this.append(this.mapper.outgoing(msg));
    return new Promise((resolve, reject) => {
      this.waiters.set(msg.req, { resolve, reject, op: op.op });
      this.ws.send(JSON.stringify(msg));
    });
  }

  async socket(type: 'stream' | 'dgram', read?: 'auto' | 'manual'): Promise<number> {
    return (await this.request({ op: 'socket', type, ...(read ? { read } : {}) })).result;
  }
  async bind(sock: number, port: number, ip?: string): Promise<string | undefined> {
    return (await this.request({ op: 'bind', sock, port, ...(ip ? { ip } : {}) })).local;
  }
  async listen(sock: number, backlog = 5): Promise<{ local: string; backlog: number }> {
    const r = await this.request({ op: 'listen', sock, backlog });
    return { local: r.local ?? '', backlog: r.backlog ?? backlog };
  }
  async accept(sock: number, read?: 'auto' | 'manual'): Promise<{ sock: number; local: string; remote: string }> {
    const r = await this.request({ op: 'accept', sock, ...(read ? { read } : {}) });
    return { sock: r.result, local: r.local ?? '', remote: r.remote ?? '' };
  }
  async connect(sock: number, host: string, port: number): Promise<{ local: string; remote: string }> {
    const r = await this.request({ op: 'connect', sock, host, port });
    return { local: r.local ?? '', remote: r.remote ?? '' };
  }
  async send(sock: number, data: Data): Promise<number> {
    return (await this.request({ op: 'send', sock, data: toB64(data) })).result;
  }
  /** manual-read sockets only; an empty result means end of stream. */
  async recv(sock: number, max = 65536): Promise<Uint8Array> {
    return base64ToBytes((await this.request({ op: 'recv', sock, max })).data ?? '');
  }
  async sendto(sock: number, host: string, port: number, data: Data): Promise<number> {
    return (await this.request({ op: 'sendto', sock, host, port, data: toB64(data) })).result;
  }
  async shutdown(sock: number, how: 'rd' | 'wr' | 'rdwr' = 'wr'): Promise<void> { await this.request({ op: 'shutdown', sock, how }); }
  async close(sock: number): Promise<void> { await this.request({ op: 'close', sock }); }
  /** Abortive close: the peer gets a RST, not a FIN. */
  async abort(sock: number): Promise<void> { await this.request({ op: 'abort', sock }); }

  /** Ends the session; the bridge destroys every socket it opened for us. */
  disconnect(): void {
    try { this.ws.close(1000, 'bye'); } catch { /* already closed */ }
    this.onClose(1000);
  }
}
