// The checks every WebSocket upgrade must pass before `ws` sees it (bridge-security.md §2):
// the Host is one of the bridge's own names and port (defeats DNS rebinding), the Origin equals an
// allowed origin exactly, and the per-launch secret arrives as a Sec-WebSocket-Protocol entry and
// matches in constant time. One failed check is enough; the reply never says which one failed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUTH_SUBPROTOCOL_PREFIX, BRIDGE_PATH, BRIDGE_SUBPROTOCOL } from './protocol';

export interface AuthPolicy {
  /** Accepted Host header values, lower case, "name:port" ("[::1]:port" for IPv6). */
  hosts: ReadonlySet<string>;
  /** Accepted origins, exactly as a browser serialises them ("http://127.0.0.1:5173"). */
  origins: ReadonlySet<string>;
  /** SHA-256 of the full auth subprotocol token, so comparisons have a fixed length. */
  secretDigest: Buffer;
}

export type AuthResult = { ok: true } | { ok: false; reason: string };

/** A fresh secret: 256 bits as hex (hex keeps it a valid subprotocol token). */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

export function authToken(secret: string): string {
  return `${AUTH_SUBPROTOCOL_PREFIX}${secret}`;
}

export function digestToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Normalises an origin given by the user (`--origin`) to the browser's serialisation. */
export function canonicalOrigin(text: string): string {
  const u = new URL(text);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`origin ${JSON.stringify(text)}: only http(s) origins`);
  return u.origin;
}

function headerCount(req: IncomingMessage, name: string): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === name) n++;
  return n;
}

export function checkUpgrade(req: IncomingMessage, policy: AuthPolicy): AuthResult {
  if (req.method !== 'GET') return { ok: false, reason: 'method' };
  // Exactly the bridge path with no query string: the secret can never travel in a URL.
  if (req.url !== BRIDGE_PATH) return { ok: false, reason: 'path' };
  if (req.headers['sec-websocket-version'] !== '13') return { ok: false, reason: 'version' };
  if (headerCount(req, 'host') !== 1 || headerCount(req, 'origin') > 1) return { ok: false, reason: 'duplicate-header' };

  const host = (req.headers.host ?? '').toLowerCase();
  if (!policy.hosts.has(host)) return { ok: false, reason: 'host' };

  const origin = req.headers.origin;
  if (origin === undefined) return { ok: false, reason: 'origin-missing' };
  if (!policy.origins.has(origin)) return { ok: false, reason: 'origin' };

  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!offered.includes(BRIDGE_SUBPROTOCOL)) return { ok: false, reason: 'subprotocol' };
  const tokens = offered.filter((p) => p.startsWith(AUTH_SUBPROTOCOL_PREFIX));
  if (tokens.length !== 1) return { ok: false, reason: 'secret-missing' };
  if (!timingSafeEqual(digestToken(tokens[0]), policy.secretDigest)) return { ok: false, reason: 'secret' };
  return { ok: true };
}

/** The subprotocol the server answers with: never the secret entry. */
export function selectSubprotocol(protocols: Set<string>): string | false {
  return protocols.has(BRIDGE_SUBPROTOCOL) ? BRIDGE_SUBPROTOCOL : false;
}
