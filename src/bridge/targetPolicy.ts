// Who the bridge may connect or send to (bridge-security.md §3, §4): nothing, unless the target is
// one of this session's own listeners or a host:port the user named on the command line. Every
// decision is made on resolved addresses: the host is resolved once, every address it resolves to
// is checked, and the caller connects to the checked IP literal so nothing can re-resolve it.
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { isSpecial, isUnspecified, isLoopback, parseIp, sameIp, type Ip } from './addresses';

export interface AllowEntry { /** As the user wrote it, for display. */ text: string; ips: Ip[]; port: number; exact: boolean }

export type Denial = { ok: false; code: 'EACCES' | 'EINVAL' | 'EHOSTUNREACH' | 'EADDRNOTAVAIL'; reason: string };
export type Resolved = { ok: true; ip: Ip } | Denial;

/** Looks up a name; injectable so tests can stand in a rebinding resolver. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => {
  const all = await lookup(host, { all: true, verbatim: true });
  return all.map((a) => a.address);
};

const LOOKUP_TIMEOUT_MS = 3000;

async function resolveHost(host: string, resolver: Resolver): Promise<Ip[] | Denial> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const literal = parseIp(bare);
  if (literal) return [literal];
  if (bare.includes(':') || host.startsWith('[')) return { ok: false, code: 'EINVAL', reason: 'bad-address' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const names = await Promise.race([
      resolver(bare),
      new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), LOOKUP_TIMEOUT_MS); }),
    ]);
    const ips = names.map(parseIp).filter((x): x is Ip => x !== null);
    return ips.length ? ips : { ok: false, code: 'EHOSTUNREACH', reason: 'unresolvable' };
  } catch {
    return { ok: false, code: 'EHOSTUNREACH', reason: 'unresolvable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Parses "host:port" or "[v6]:port" as given on the command line. */
export function splitHostPort(text: string): { host: string; port: number } | null {
  const m = text.match(/^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1], port };
}

/** Resolves the user's allow-list once, at start-up: a name that later re-resolves elsewhere
 * does not widen it. */
export async function resolveAllowList(entries: readonly string[], resolver: Resolver = systemResolver): Promise<AllowEntry[]> {
  const out: AllowEntry[] = [];
  for (const text of entries) {
    const hp = splitHostPort(text);
    if (!hp) throw new Error(`--allow ${JSON.stringify(text)}: expected host:port (IPv6 as [addr]:port)`);
    const ips = await resolveHost(hp.host, resolver);
    if (!Array.isArray(ips)) throw new Error(`--allow ${JSON.stringify(text)}: ${ips.reason}`);
    if (ips.some(isUnspecified)) throw new Error(`--allow ${JSON.stringify(text)}: 0.0.0.0 and :: cannot be targets`);
    out.push({ text, ips, port: hp.port, exact: parseIp(hp.host.replace(/^\[|\]$/g, '')) !== null });
  }
  return out;
}

export interface OwnEndpoint { ip: Ip; port: number }

export interface TargetPolicyOptions {
  allow: readonly AllowEntry[];
  /** Ports of the bridge itself: always denied. */
  bridgePorts: () => readonly number[];
  resolver?: Resolver;
}

export interface TargetPolicy {
  /** Resolves and checks a connect/sendto target against the allow-list and `own` endpoints. */
  check(host: string, port: number, own: readonly OwnEndpoint[]): Promise<Resolved>;
}

/** Is ip:port one of the session's own endpoints? A wildcard (0.0.0.0 or ::) stands for the
 * loopback addresses of its own family only: a TCP listener on :: is IPv6-only and a socket on
 * 0.0.0.0 hears no IPv6, so the other family's loopback at that port may be a foreign service.
 * (A wildcard is not matched to the host's LAN addresses either: nothing needs that.) */
function ownMatch(ip: Ip, port: number, own: readonly OwnEndpoint[]): boolean {
  return own.some((o) => o.port === port
    && (sameIp(o.ip, ip) || (isUnspecified(o.ip) && o.ip.family === ip.family && isLoopback(ip))));
}

export function createTargetPolicy(opts: TargetPolicyOptions): TargetPolicy {
  const resolver = opts.resolver ?? systemResolver;
  return {
    async check(host, port, own) {
      if (port === 0) return { ok: false, code: 'EINVAL', reason: 'port-zero' };
      const ips = await resolveHost(host, resolver);
      if (!Array.isArray(ips)) return ips;
      if (opts.bridgePorts().includes(port)) return { ok: false, code: 'EACCES', reason: 'bridge-port' };
      const listedExactly = (ip: Ip) => opts.allow.some((a) => a.exact && a.port === port && a.ips.some((x) => sameIp(x, ip)));
      // Every address the name resolved to must pass, so a rebinding name cannot smuggle one in.
      for (const ip of ips) {
        if (isUnspecified(ip)) return { ok: false, code: 'EACCES', reason: 'unspecified-address' };
        if (isSpecial(ip) && !listedExactly(ip)) return { ok: false, code: 'EACCES', reason: 'special-address' };
      }
      const allowed = ips.find((ip) => ownMatch(ip, port, own) || opts.allow.some((a) => a.port === port && a.ips.some((x) => sameIp(x, ip))));
      return allowed ? { ok: true, ip: allowed } : { ok: false, code: 'EACCES', reason: 'not-allowed' };
    },
  };
}

function localAddresses(): Ip[] {
  const out: Ip[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) { const ip = parseIp(a.address); if (ip) out.push(ip); }
  }
  return out;
}

/** Where a page may bind/listen: loopback only, unless the classroom flag opens the LAN (§4). */
export function checkBindAddress(ipText: string | undefined, port: number, classroom: boolean): { ok: true; ip: Ip } | Denial {
  const ip = ipText === undefined ? { address: '127.0.0.1', family: 'ipv4' as const } : parseIp(ipText);
  if (!ip) return { ok: false, code: 'EINVAL', reason: 'bind-needs-ip-literal' };
  if (port !== 0 && port < 1024) return { ok: false, code: 'EACCES', reason: 'privileged-port' };
  if (isLoopback(ip)) return { ok: true, ip };
  if (!classroom) return { ok: false, code: 'EACCES', reason: 'loopback-only' };
  if (isUnspecified(ip)) return { ok: true, ip };
  if (isSpecial(ip)) return { ok: false, code: 'EACCES', reason: 'special-address' };
  return localAddresses().some((l) => sameIp(l, ip)) ? { ok: true, ip } : { ok: false, code: 'EADDRNOTAVAIL', reason: 'not-local' };
}
