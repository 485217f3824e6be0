// The bridge server: HTTP servers on loopback (127.0.0.1 and ::1) whose `upgrade` handler
// authenticates every WebSocket before `ws` sees it, then one Session per page. Limits, the
// heartbeat and the clean shutdown live here; socket semantics live in session/streamOps/dgramOps.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import { authToken, canonicalOrigin, checkUpgrade, digestToken, newSecret, selectSubprotocol, type AuthPolicy } from './auth';
import { createCaptureManager, type CaptureManager } from './capture';
import { createKernelStates, type KernelStates } from './kernelStates';
import { createLogger, withRedaction, type Logger } from './log';
import { BRIDGE_PATH, DEFAULT_BRIDGE_PORT, MAX_PAYLOAD, formatAddr } from './protocol';
import { Session } from './session';
import { DEFAULT_LIMITS, type BridgeLimits } from './sessionTypes';
import { serveStatic } from './staticFiles';
import { createTargetPolicy, resolveAllowList, type Resolver } from './targetPolicy';

export interface BridgeOptions {
  /** Port for the WebSocket (and the app, with `serveDir`); 0 picks a free one. */
  port?: number;
  /** Expose the WebSocket on every interface (still Host-, Origin- and secret-checked). */
  exposeOnLan?: boolean;
  /** Allow pages to listen beyond loopback (classroom demos). */
  classroom?: boolean;
  /** host:port targets pages may connect/send to, besides their own listeners. */
  allow?: readonly string[];
  /** Origins allowed to open the WebSocket, besides the bridge's own and `appUrl`'s. */
  origins?: readonly string[];
  /** Where the app is served; the printed URL points there. Default: the bridge itself. */
  appUrl?: string;
  /** A built app (Vite `dist/`) to serve from the bridge's own origin. */
  serveDir?: string;
  capture?: boolean;
  kernelStates?: boolean;
  kernelPollMs?: number;
  heartbeatMs?: number;
  handshakeTimeoutMs?: number;
  limits?: Partial<BridgeLimits>;
  /** For tests: a fixed secret and a stand-in resolver. */
  secret?: string;
  resolver?: Resolver;
  log?: Logger;
}

export interface BridgeHandle {
  port: number;
  /** ws://127.0.0.1:PORT/socketlab */
  wsUrl: string;
  /** The URL to open: the app, with the bridge URL and secret in the fragment. */
  openUrl: string;
  /** That fragment alone (`#bridge=…&bridgeKey=…`), for a page served from another allowed origin. */
  fragment: string;
  secret: string;
  captureTool: string | null;
  notices: string[];
  sessionCount(): number;
  close(): Promise<void>;
}

const MAX_FRAGMENTS = 16;
const MISSED_PONGS = 2;

export async function startBridge(opts: BridgeOptions = {}): Promise<BridgeHandle> {
  const limits: BridgeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const secret = opts.secret ?? newSecret();
  if (!/^[0-9a-f]{32,128}$/.test(secret)) throw new Error('the secret must be 32–128 lowercase hex digits (≥128 bits)');
  const log = withRedaction(opts.log ?? createLogger(), secret);
  // Validate every origin before opening any port, so a typo cannot leave a half-started bridge.
  const extraOrigins = [...(opts.origins ?? []), ...(opts.appUrl ? [opts.appUrl] : [])].map(canonicalOrigin);
  const allow = await resolveAllowList(opts.allow ?? [], opts.resolver);
  const notices: string[] = [];
  const hostsToListen = opts.exposeOnLan ? ['0.0.0.0', '::'] : ['127.0.0.1', '::1'];
  const servers: Server[] = [];
  let port = opts.port ?? DEFAULT_BRIDGE_PORT;
  const sessions = new Set<Session>();
  const wsOf = new Map<Session, WebSocket>();
  const handshakeMs = opts.handshakeTimeoutMs ?? 5000;

  const policy = createTargetPolicy({ allow, bridgePorts: () => [port], resolver: opts.resolver });
  const kernel: KernelStates | null = opts.kernelStates === false || process.platform !== 'linux' ? null : createKernelStates(opts.kernelPollMs ?? 25);
  let capture: CaptureManager | null = null;
  let captureTool: string | null = null;
  if (opts.capture) {
    const c = createCaptureManager();
    if ('error' in c) notices.push(`capture disabled: ${c.error}`);
    else if (process.getuid?.() !== 0) notices.push('capture may fail: tcpdump/dumpcap need root or CAP_NET_RAW');
    if (!('error' in c)) { capture = c; captureTool = c.tool; }
  }

  // ws ≥ 8.19 options missing from @types/ws 8.18: closeTimeout bounds the closing handshake.
  const wsOptions = {
    noServer: true, maxPayload: MAX_PAYLOAD, maxFragments: MAX_FRAGMENTS, perMessageDeflate: false,
    clientTracking: false, handleProtocols: selectSubprotocol, closeTimeout: 1000,
  } as ConstructorParameters<typeof WebSocketServer>[0];
  const wss = new WebSocketServer(wsOptions);
  wss.on('error', (e) => log.warn('ws-server-error', { error: e.message }));

  // Filled in once the port is known; until then no Host matches, so nothing can upgrade.
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const auth: AuthPolicy = { hosts, origins, secretDigest: digestToken(authToken(secret)) };
  let nextSession = 1;
  let closing = false;

  function reject(socket: Socket, status: 403 | 503, why: string, req: IncomingMessage) {
    log.warn('upgrade-rejected', { status, reason: why, origin: req.headers.origin ?? '-', host: req.headers.host ?? '-', from: socket.remoteAddress ?? '-' });
    const text = status === 403 ? 'Forbidden' : 'Service Unavailable';
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroySoon();
  }

  function onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer) {
    socket.on('error', () => {});
    clearTimeout((socket as Socket & { __hs?: ReturnType<typeof setTimeout> }).__hs);
    const r = checkUpgrade(req, auth);
    if (!r.ok) return reject(socket, 403, r.reason, req);
    if (closing || sessions.size >= limits.maxSessions) return reject(socket, 503, 'session-limit', req);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(ws, {
        id: nextSession++, limits, classroom: !!opts.classroom, policy, allow, log, kernel, capture,
        now: () => performance.now(),
      });
      sessions.add(session);
      wsOf.set(session, ws);
      log.info('session-open', { session: session.id, origin: req.headers.origin });
      ws.on('error', (e) => log.warn('ws-error', { session: session.id, error: e.message }));
      ws.on('pong', () => { session.missedPongs = 0; });
      ws.on('message', (data, isBinary) => { void session.receive(data as Buffer, isBinary); });
      ws.on('close', (code) => {
        sessions.delete(session);
        wsOf.delete(session);
        session.dispose();
        log.info('session-closed', { session: session.id, code });
      });
      session.hello();
    });
  }

  function onRequest(req: IncomingMessage, res: ServerResponse) {
    clearTimeout((req.socket as Socket & { __hs?: ReturnType<typeof setTimeout> }).__hs);
    if (!auth.hosts.has((req.headers.host ?? '').toLowerCase())) { res.writeHead(403).end(); return; }
    if (req.url === BRIDGE_PATH) { res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade Required'); return; }
    if (opts.serveDir && serveStatic(opts.serveDir, req, res)) return;
    const text = opts.serveDir || opts.appUrl
      ? 'SocketLab bridge: open the URL printed in the terminal.\n'
      : 'SocketLab bridge: no app is served here (the app is not built). Run `npm run dev`, or `npm run build` and start the bridge again.\n';
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
  }

  for (const host of hostsToListen) {
    const srv = createServer({ headersTimeout: handshakeMs, requestTimeout: handshakeMs * 2, keepAliveTimeout: handshakeMs });
    srv.maxHeadersCount = 50;
    srv.maxConnections = 64;
    srv.on('upgrade', onUpgrade);
    srv.on('request', onRequest);
    srv.on('clientError', (_e, socket) => { socket.destroy(); });
    srv.on('connection', (socket: Socket & { __hs?: ReturnType<typeof setTimeout> }) => {
      socket.on('error', () => {});
      // Slow or silent clients do not get to hold a connection open.
      socket.__hs = setTimeout(() => socket.destroy(), handshakeMs);
      socket.__hs.unref();
    });
    try {
      await new Promise<void>((resolve, rej) => {
        srv.once('error', rej);
        srv.listen({ host, port, ipv6Only: host.includes(':') }, () => { srv.off('error', rej); resolve(); });
      });
      port = (srv.address() as { port: number }).port;
      srv.on('error', (e) => log.warn('http-server-error', { error: e.message }));
      servers.push(srv);
    } catch (e) {
      if (servers.length === 0) throw e;
      notices.push(`not listening on ${host}: ${(e as Error).message}`);
    }
  }

  for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) hosts.add(h);
  if (opts.exposeOnLan) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) hosts.add(formatAddr(a.address, port).toLowerCase());
  }
  const own = `http://127.0.0.1:${port}`;
  for (const o of [own, `http://localhost:${port}`, `http://[::1]:${port}`, ...extraOrigins]) origins.add(o);

  const heartbeat = setInterval(() => {
    for (const [session, ws] of wsOf) {
      if (session.missedPongs >= MISSED_PONGS) { log.warn('heartbeat-timeout', { session: session.id }); ws.terminate(); continue; }
      session.missedPongs++;
      try { ws.ping(); } catch { ws.terminate(); }
    }
  }, opts.heartbeatMs ?? 15000);
  heartbeat.unref();

  const wsUrl = `ws://127.0.0.1:${port}${BRIDGE_PATH}`;
  const app = opts.appUrl ?? `${own}/`;
  const fragment = `#bridge=${encodeURIComponent(wsUrl)}&bridgeKey=${secret}`;
  const openUrl = `${app.split('#')[0]}${fragment}`;

  return {
    port, wsUrl, openUrl, fragment, secret, captureTool, notices,
    sessionCount: () => sessions.size,
    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const [session, ws] of wsOf) { session.dispose(); ws.close(1001, 'bridge shutting down'); }
      kernel?.stop();
      capture?.stopAll();
      await Promise.all(servers.map((s) => new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); })));
      // Pages that do not answer the close frame quickly are cut off.
      for (const ws of wsOf.values()) ws.terminate();
    },
  };
}
