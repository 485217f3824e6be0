// The bridge's wire protocol, shared by the Node server and the browser client. Every message is
// one JSON text frame validated by these strict zod schemas: unknown operations, unknown fields
// and out-of-range values are rejected (the server answers EINVAL), so no untrusted object is
// ever used as it came. Payload bytes travel as base64 inside the JSON (see docs/bridge.md for
// why we chose that over binary frames).
import { z } from 'zod';

/** Sec-WebSocket-Protocol entries: the protocol itself, and the secret as a second entry. */
export const BRIDGE_SUBPROTOCOL = 'socketlab.v1';
export const AUTH_SUBPROTOCOL_PREFIX = 'socketlab.auth.';
/** The only HTTP path that upgrades. */
export const BRIDGE_PATH = '/socketlab';
export const DEFAULT_BRIDGE_PORT = 5180;
export const PROTOCOL_VERSION = 1;

/** Largest WebSocket message the server accepts (ws `maxPayload`). */
export const MAX_PAYLOAD = 256 * 1024;
/** Largest payload of one `send`/`sendto`, in bytes (its base64 form stays under MAX_PAYLOAD). */
export const MAX_DATA_BYTES = 128 * 1024;
/** Longest base64 text of at most MAX_DATA_BYTES bytes. Texts of this length also encode up to
 * two bytes more (no padding), so the decoded length is checked as well. */
const MAX_DATA_B64 = Math.ceil(MAX_DATA_BYTES / 3) * 4;
/** Bytes a padded base64 text decodes to (z.base64 requires the padding). */
const base64Bytes = (text: string): number => (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
/** Largest `recv` a page may ask for at once. */
export const MAX_RECV = 64 * 1024;

const int = z.number().int();
const req = int.min(0).max(2 ** 31 - 1);
const sock = int.min(1).max(2 ** 31 - 1);
const port = int.min(0, 'a port from 0 to 65535').max(65535, 'a port from 0 to 65535');
/**
 * A host as the user typed it: a DNS name, an IPv4/IPv6 literal, or a bracketed IPv6 literal.
 * The syntax check only keeps junk out; the decision to allow a target is made by the server
 * on the addresses the host resolves to, never on this string.
 */
const host = z.string().min(1).max(253).regex(
  /^(?:\[[0-9A-Fa-f:.]{2,45}\]|(?=[^:]*:)[0-9A-Fa-f:.]{2,45}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?)$/,
  'a host name or an IP address',
);
const tooLong = `at most ${MAX_DATA_BYTES} bytes per message`;
const data = z.base64().max(MAX_DATA_B64, tooLong).refine((text) => base64Bytes(text) <= MAX_DATA_BYTES, tooLong);
const readMode = z.enum(['auto', 'manual']);

// ---- page → bridge -------------------------------------------------------------------------

export const clientMessageSchema = z.discriminatedUnion('op', [
  /** Allocate a socket id. `read: 'manual'` leaves received bytes in the kernel until `recv`. */
  z.strictObject({ op: z.literal('socket'), req, type: z.enum(['stream', 'dgram']), read: readMode.optional() }),
  z.strictObject({ op: z.literal('bind'), req, sock, port, ip: host.optional() }),
  z.strictObject({ op: z.literal('listen'), req, sock, backlog: int.min(0).max(1_000_000) }),
  z.strictObject({ op: z.literal('accept'), req, sock, read: readMode.optional() }),
  z.strictObject({ op: z.literal('connect'), req, sock, host, port }),
  z.strictObject({ op: z.literal('send'), req, sock, data }),
  z.strictObject({ op: z.literal('recv'), req, sock, max: int.min(1).max(MAX_RECV) }),
  z.strictObject({ op: z.literal('sendto'), req, sock, host, port, data }),
  z.strictObject({ op: z.literal('shutdown'), req, sock, how: z.enum(['rd', 'wr', 'rdwr']) }),
  z.strictObject({ op: z.literal('close'), req, sock }),
  z.strictObject({ op: z.literal('abort'), req, sock }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientOp = ClientMessage['op'];
/** A client message without its `req` (what the client API takes). */
export type OpRequest = ClientMessage extends infer M ? (M extends { req: number } ? Omit<M, 'req'> : never) : never;

// ---- bridge → page -------------------------------------------------------------------------

const t = z.number().min(0);
/** "ip:port", IPv6 in brackets: "[::1]:8080". */
const addr = z.string().max(64);
const errno = z.string().regex(/^E[A-Z0-9]{1,15}$/);
const flag = z.enum(['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG']);
const kernelState = z.enum([
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2',
  'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
]);
export const WAITING_FOR = ['connection', 'handshake', 'data', 'buffer-space'] as const;

const limits = z.strictObject({
  maxPayload: int, maxDataBytes: int, maxSockets: int, maxListeners: int, maxUnclaimed: int,
  connectsPerSecond: z.number(), maxBacklog: int,
});

export const serverMessageSchema = z.discriminatedUnion('ev', [
  z.strictObject({
    ev: z.literal('hello'), t, version: z.literal(PROTOCOL_VERSION), session: int, limits,
    /** host:port pairs the user allowed on the command line (the page's own listeners come on top). */
    allow: z.array(z.string().max(300)).max(256),
    kernelStates: z.boolean(), capture: z.boolean(), classroom: z.boolean(),
  }),
  z.discriminatedUnion('ok', [
    z.strictObject({
      ev: z.literal('reply'), t, req, ok: z.literal(true),
      /** fd for socket/accept, bytes for send/sendto/recv, 0 for calls that only succeed. */
      result: int.min(0),
      local: addr.optional(), remote: addr.optional(),
      /** recv: the bytes read (base64); `result` 0 with no data means end of stream. */
      data: z.base64().optional(),
      /** listen: the backlog actually used after clamping. */
      backlog: int.optional(),
    }),
    z.strictObject({
      ev: z.literal('reply'), t, req: req.nullable(), ok: z.literal(false), code: errno,
      syscall: z.string().max(16),
      /** A short, fixed, machine-readable reason (e.g. "not-allowed", "schema"), never peer data. */
      reason: z.string().max(200).optional(),
    }),
  ]),
  /** The call `req` could not complete at once and now waits. */
  z.strictObject({ ev: z.literal('pending'), t, req, waitingFor: z.enum(WAITING_FOR) }),
  /** Bytes read from a socket in auto-read mode. */
  z.strictObject({ ev: z.literal('data'), t, sock, data: z.base64() }),
  /** The peer's FIN was read (auto-read mode): the read that returns 0. */
  z.strictObject({ ev: z.literal('eof'), t, sock }),
  /** A connection arrived on a listener and waits to be accepted. */
  z.strictObject({ ev: z.literal('incoming'), t, sock, local: addr, remote: addr, queued: int }),
  /** A connection that arrived while the unclaimed queue was full was reset. */
  z.strictObject({ ev: z.literal('refused'), t, sock, remote: addr, reason: z.string().max(64) }),
  z.strictObject({ ev: z.literal('datagram'), t, sock, from: addr, to: addr, data: z.base64() }),
  /** An asynchronous socket error (e.g. ECONNRESET while idle). */
  z.strictObject({ ev: z.literal('error'), t, sock, code: errno, syscall: z.string().max(16) }),
  /** The OS socket behind this id is released (both directions done, or reset); the id stays
   * valid until the page closes it, and is never reused after that. */
  z.strictObject({ ev: z.literal('closed'), t, sock }),
  /** A socket that refused a send with EAGAIN can take data again. */
  z.strictObject({ ev: z.literal('drain'), t, sock }),
  /** Kernel truth from /proc/net/tcp: `side` says whose end of the connection this is. */
  z.strictObject({
    ev: z.literal('state'), t, sock, side: z.enum(['local', 'peer']), local: addr, remote: addr,
    from: kernelState, to: kernelState, txQueue: int.optional(), rxQueue: int.optional(),
  }),
  /** A real TCP segment captured on the wire (headers only). */
  z.strictObject({
    ev: z.literal('segment'), t, sock, src: addr, dst: addr, flags: z.array(flag),
    seq: int, ack: int, len: int, win: int,
    opts: z.strictObject({ mss: int.optional(), wscale: int.optional(), sackPermitted: z.boolean().optional() }).optional(),
  }),
  z.strictObject({ ev: z.literal('notice'), t, code: z.string().max(64), detail: z.string().max(500).optional() }),
]);

export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerEvent<E extends ServerMessage['ev']> = Extract<ServerMessage, { ev: E }>;
export type ReplyOk = Extract<ServerMessage, { ev: 'reply'; ok: true }>;
export type ReplyError = Extract<ServerMessage, { ev: 'reply'; ok: false }>;
export type Limits = z.infer<typeof limits>;
export type KernelState = z.infer<typeof kernelState>;

export type ParseResult<T> = { ok: true; msg: T } | { ok: false; req: number | null; reason: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length ? issue.path.join('.') : '(message)';
  return `${path}: ${issue.message}`.slice(0, 200);
}

function parseWith<T>(schema: z.ZodType<T>, text: string): ParseResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, req: null, reason: 'malformed JSON' };
  }
  let r: ReturnType<typeof schema.safeParse>;
  try { r = schema.safeParse(raw); } catch { return { ok: false, req: null, reason: 'invalid message' }; }
  if (r.success) return { ok: true, msg: r.data };
  const maybeReq = typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as { req?: unknown }).req : undefined;
  const reqOk = typeof maybeReq === 'number' && Number.isInteger(maybeReq) && maybeReq >= 0 && maybeReq < 2 ** 31;
  return { ok: false, req: reqOk ? maybeReq : null, reason: firstIssue(r.error) };
}

/** Validates one text frame from the page. Never throws. */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  return parseWith(clientMessageSchema, text);
}

/** Validates one text frame from the bridge. Never throws. */
export function parseServerMessage(text: string): ParseResult<ServerMessage> {
  return parseWith(serverMessageSchema, text);
}

/** "ip:port", with IPv6 addresses in brackets. */
export function formatAddr(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
