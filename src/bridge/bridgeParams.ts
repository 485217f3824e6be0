// How the page learns where the bridge is and its secret without leaking the secret: the
// bridge prints a URL whose fragment carries `bridge=<ws url>&bridgeKey=<secret>`. Fragments are
// never sent to servers (so they reach no access log); the page reads them once, removes them from
// the address bar and history with history.replaceState, and keeps them in sessionStorage (this
// tab only) so a reload still finds the bridge. Other fragment parameters (share links) are kept.

export interface BridgeParams { url: string; secret: string }

const STORAGE_KEY = 'socketlab.bridge';

interface LocationLike { href: string; hash: string; hostname: string }
interface HistoryLike { replaceState(data: unknown, unused: string, url?: string): void; state?: unknown }
interface StorageLike { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void }

/** Only a bridge on loopback (or on the host that served the page) is accepted. */
export function validBridgeUrl(url: string, pageHost: string): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return false;
  if (u.search || u.hash || u.username || u.password) return false;
  const h = u.hostname;
  return h === '127.0.0.1' || h === 'localhost' || h === '[::1]' || h === pageHost;
}

function parse(raw: string | null, pageHost: string): BridgeParams | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<BridgeParams>;
    if (typeof v.url === 'string' && typeof v.secret === 'string' && /^[0-9a-f]{32,128}$/.test(v.secret) && validBridgeUrl(v.url, pageHost)) {
      return { url: v.url, secret: v.secret };
    }
  } catch { /* stale or tampered: ignore */ }
  return null;
}

/** Takes the bridge parameters out of the URL fragment (scrubbing them), or from this tab's storage. */
export function takeBridgeParams(
  loc: LocationLike = window.location,
  hist: HistoryLike = window.history,
  storage: StorageLike | null = typeof sessionStorage === 'undefined' ? null : sessionStorage,
): BridgeParams | null {
  const hash = loc.hash.startsWith('#') ? loc.hash.slice(1) : loc.hash;
  const params = new URLSearchParams(hash);
  const url = params.get('bridge');
  const secret = params.get('bridgeKey');
  if (url !== null || secret !== null) {
    params.delete('bridge');
    params.delete('bridgeKey');
    const rest = params.toString();
    hist.replaceState(hist.state ?? null, '', `${loc.href.split('#')[0]}${rest ? `#${rest}` : ''}`);
    const found = parse(JSON.stringify({ url, secret }), loc.hostname);
    if (found) { storage?.setItem(STORAGE_KEY, JSON.stringify(found)); return found; }
  }
  return parse(storage?.getItem(STORAGE_KEY) ?? null, loc.hostname);
}

export function forgetBridgeParams(storage: StorageLike | null = typeof sessionStorage === 'undefined' ? null : sessionStorage): void {
  storage?.removeItem(STORAGE_KEY);
}
