// Real mode's engine: owns the bridge client, turns the Real panel's buttons into socket calls,
// keeps every recording (a bridge session's trace) and puts the one being watched on the stage,
// live. A vanished bridge ends the recording but loses nothing: it stays on the stage, can be
// scrubbed and saved, and a reconnect starts a new recording beside it.
import type { AppStore } from '../store/createAppStore';
import type { Run } from '../store/types';
import type { Scenario } from '../scenarios/schema';
import type { BridgeParams } from '../bridge/bridgeParams';
import type { ServerMessage } from '../bridge/protocol';
import type { TraceRecord } from '../sim/trace/records';
import type { RealApi, RealRecordingInfo } from '../store/realTypes';
import { browserClientFactory, errorInfo, type RealClient, type RealClientFactory } from './realClient';
import { packetsFromRealTrace } from './realPackets';
import { hostIps } from './hostIps';
import { SocketBook } from './socketBook';

export interface RealControllerOptions {
  params: BridgeParams | null;
  createClient?: RealClientFactory;
  /** Runs `fn` after `ms` (tests drive it). */
  schedule?: (fn: () => void, ms: number) => void;
  /** Wall-clock label of a new recording, e.g. "14:03:25". */
  clock?: () => string;
}

interface Recording { id: number; title: string; trace: TraceRecord[]; live: boolean }
interface Stash { run: Run | null; scenario: Scenario | null; key: string; cursor: number }

export class RealController implements RealApi {
  private client: RealClient | null = null;
  private readonly recordings: Recording[] = [];
  private shown: Recording | null = null;
  private readonly book = new SocketBook();
  private stash: Stash | null = null;
  private lastRun: Run | null = null;
  private writing = false;
  private pending = false;
  private readonly schedule: (fn: () => void, ms: number) => void;
  private readonly createClient: RealClientFactory;
  private readonly clock: () => string;
  private delay = 40;
  private unsubscribe: () => void;

  constructor(private readonly store: AppStore, private readonly opts: RealControllerOptions) {
    this.schedule = opts.schedule ?? ((fn, ms) => { setTimeout(fn, ms); });
    this.createClient = opts.createClient ?? browserClientFactory;
    this.clock = opts.clock ?? (() => new Date().toLocaleTimeString('en-GB', { hour12: false }));
    store.getState().attachReal(this);
    this.unsubscribe = store.subscribe((s, p) => {
      if (this.writing) return;
      if (s.realOpen && !p.realOpen) this.onOpen();
      else if (!s.realOpen && p.realOpen) this.onClose();
      else if (s.realOpen && s.run !== p.run && s.run !== this.lastRun) {
        // Something else took the stage (a scenario, a capture, a saved session): leave Real mode.
        this.stash = null;
        this.store.getState().setRealOpen(false);
      }
    });
  }

  /** Connects to the bridge this tab was given, if any. */
  async start(): Promise<void> {
    const params = this.opts.params;
    const st = this.store.getState();
    if (!params) { st.setBridge({ state: 'absent' }); return; }
    st.setBridge({ state: 'connecting', url: params.url });
    let client: RealClient;
    try {
      client = await this.createClient(params);
    } catch {
      this.store.getState().setBridge({ state: 'unreachable', url: params.url });
      return;
    }
    this.client = client;
    this.book.clear();
    const h = client.hello;
    this.store.getState().setBridge({ state: 'ready', url: params.url, capture: h.capture, kernelStates: h.kernelStates, classroom: h.classroom, allow: [...h.allow] });
    const rec: Recording = { id: this.recordings.length + 1, title: this.clock(), trace: client.trace, live: true };
    this.recordings.push(rec);
    this.shown = rec;
    client.on('record', () => this.dirty());
    client.on('event', (m: ServerMessage) => { this.book.onEvent(m); this.dirty(); });
    client.on('close', (code) => {
      if (this.client !== client) return;
      this.client = null;
      rec.live = false;
      this.book.endAll();
      this.store.getState().setBridge({ ...this.store.getState().bridge, state: 'lost', closeCode: code });
      this.dirty();
    });
    this.dirty();
  }

  reconnect(): void {
    if (this.client) return;
    void this.start().then(() => { if (this.store.getState().realOpen) this.flush(); });
  }

  dispose(): void {
    this.unsubscribe();
    this.client?.disconnect();
  }

  // ---- operations the panel asks for ------------------------------------------------------

  private need(syscall: string): RealClient | null {
    if (this.client) return this.client;
    this.report({ code: 'ENOTCONN', syscall, reason: 'no-bridge' });
    return null;
  }

  private report(err: { code: string; syscall: string; reason?: string }, fd?: number) {
    if (fd !== undefined) this.book.fail(fd, err);
    this.store.getState().notify({
      kind: 'error', key: 'real.error.op',
      params: { call: `${err.syscall}()`, errno: err.code, why: whyKey(err) },
    });
    this.dirty();
  }

  async connect(host: string, port: number): Promise<void> {
    const c = this.need('socket');
    if (!c) return;
    let fd: number;
    try { fd = await c.socket('stream'); } catch (e) { this.report(errorInfo(e, 'socket')); return; }
    this.book.add(fd, 'client', { remote: `${host}:${port}` });
    this.dirty();
    try {
      const r = await c.connect(fd, host, port);
      this.book.update(fd, { phase: 'open', local: r.local, remote: r.remote });
    } catch (e) {
      this.report(errorInfo(e, 'connect'), fd);
      // As a C program would: a socket whose connect failed is closed.
      this.book.update(fd, { phase: 'closed' });
      if (this.client === c) await c.close(fd).catch(() => {});
    }
    this.dirty();
  }

  async listen(port: number, lan: boolean): Promise<void> {
    const c = this.need('socket');
    if (!c) return;
    let fd: number;
    try { fd = await c.socket('stream'); } catch (e) { this.report(errorInfo(e, 'socket')); return; }
    this.book.add(fd, 'listener', { accepted: 0 });
    this.dirty();
    try {
      await c.bind(fd, port, lan ? '0.0.0.0' : undefined);
      const r = await c.listen(fd, 16);
      this.book.update(fd, { phase: 'listening', local: r.local });
    } catch (e) {
      this.report(errorInfo(e, 'listen'), fd);
      this.book.update(fd, { phase: 'closed' });
      if (this.client === c) await c.close(fd).catch(() => {});
      this.dirty();
      return;
    }
    this.dirty();
    void this.acceptLoop(c, fd);
  }

  /** A server's loop: accept() again as soon as one returns, until the listener is closed. */
  private async acceptLoop(c: RealClient, fd: number): Promise<void> {
    while (this.client === c && this.book.get(fd)?.phase === 'listening') {
      let a: { sock: number; local: string; remote: string };
      try { a = await c.accept(fd); } catch { return; }
      this.book.add(a.sock, 'accepted', { phase: 'open', local: a.local, remote: a.remote });
      this.book.update(fd, { accepted: (this.book.get(fd)?.accepted ?? 0) + 1 });
      this.dirty();
    }
  }

  async send(fd: number, data: Uint8Array): Promise<void> {
    const c = this.need('send');
    if (!c) return;
    try {
      const n = await c.send(fd, data);
      this.book.update(fd, { sent: (this.book.get(fd)?.sent ?? 0) + n, error: undefined });
    } catch (e) { this.report(errorInfo(e, 'send'), fd); }
    this.dirty();
  }

  async shutdown(fd: number): Promise<void> {
    const c = this.need('shutdown');
    if (!c) return;
    try { await c.shutdown(fd, 'wr'); this.book.update(fd, { wrShut: true }); } catch (e) { this.report(errorInfo(e, 'shutdown'), fd); }
    this.dirty();
  }

  async close(fd: number): Promise<void> {
    const c = this.need('close');
    if (!c) return;
    this.book.update(fd, { phase: 'closed', wrShut: true });
    try { await c.close(fd); } catch (e) { this.report(errorInfo(e, 'close'), fd); }
    this.dirty();
  }

  async abort(fd: number): Promise<void> {
    const c = this.need('close');
    if (!c) return;
    this.book.update(fd, { phase: 'closed' });
    try { await c.abort(fd); } catch (e) { this.report(errorInfo(e, 'close'), fd); }
    this.dirty();
  }

  show(id: number): void {
    const rec = this.recordings.find((r) => r.id === id);
    if (!rec) return;
    this.shown = rec;
    this.flush();
  }

  // ---- the stage ---------------------------------------------------------------------------

  private onOpen() {
    // With no bridge and nothing recorded, flush leaves the stage alone: the simulation stays.
    this.flush();
  }

  private onClose() {
    const st = this.stash;
    this.stash = null;
    if (!st || this.store.getState().run !== this.lastRun) return;
    const run = st.run;
    this.writing = true;
    try {
      this.store.setState({
        scenario: st.scenario, scenarioKey: st.key, run, runStatus: run ? 'ready' : 'idle', cursor: st.cursor,
        direction: 0, view: run ? run.timeline.viewAt(st.cursor) : null, selected: null, menu: null, playing: false,
      });
    } finally { this.writing = false; }
  }

  private dirty() {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => { this.pending = false; this.flush(); }, this.delay);
  }

  /** Publishes sockets and recordings, and the watched recording if the stage shows Real mode. */
  flush(): void {
    const st = this.store.getState();
    const list = this.book.takeList();
    if (list) st.setRealSockets(list);
    st.setRealRecordings(this.recordings.map((r): RealRecordingInfo => ({ id: r.id, title: r.title, records: r.trace.length, live: r.live, shown: r === this.shown })));
    const rec = this.shown;
    if (!rec || !st.realOpen) return;
    if (this.lastRun && st.run === this.lastRun && st.run.trace.length === rec.trace.length && st.run.live === rec.live && st.run.title === rec.title) return;
    // About to replace what the student was watching: keep it, to put it back on leaving.
    if (st.run !== this.lastRun || st.scenarioKey !== 'real') this.stash = { run: st.run, scenario: st.scenario, key: st.scenarioKey, cursor: st.cursor };
    const began = performance.now();
    const trace = rec.trace.slice();
    this.writing = true;
    try {
      st.setLive({ trace, packets: packetsFromRealTrace(trace) }, { ips: hostIps(trace), title: rec.title, live: rec.live });
      this.lastRun = this.store.getState().run;
    } finally { this.writing = false; }
    // A long recording takes longer to lay out: refresh less often rather than fall behind.
    this.delay = Math.min(1000, Math.max(40, (performance.now() - began) * 4));
  }
}

/** The i18n key explaining an errno (with the bridge's reason when it has a specific one). */
export function whyKey(err: { code: string; reason?: string }): string {
  // The client's own words for a closed WebSocket, and ours for "there is no bridge".
  if (err.reason === 'bridge connection closed') return 'real.reason.no-bridge';
  if (err.reason && REASONS.has(err.reason)) return `real.reason.${err.reason}`;
  return ERRNOS.has(err.code) ? `errno.${err.code}` : 'errno.other';
}

const REASONS = new Set([
  'not-allowed', 'bridge-port', 'special-address', 'unspecified-address', 'loopback-only', 'privileged-port',
  'rate-limit', 'socket-limit', 'listener-limit', 'buffer-full', 'unresolvable', 'no-bridge',
]);
const ERRNOS = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENOTCONN', 'EAGAIN', 'EACCES', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
