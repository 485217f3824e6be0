// Which socket is each record about? The trace names sockets by address ("ip:port" or
// "ip:port->ip:port") and by fd, and both change over a socket's life (an fd before bind, an
// address once bound, a remote once connected; an accepted child gets its fd only at accept()).
// One forward pass links them into stable socket ids so every view can draw one lifeline per
// socket for the whole run, without layout jumps.
import type { TraceRecord } from '../sim/trace/records';

export interface SocketInfo {
  id: number;
  host: string;
  /** 'raw': a raw ICMP socket (SOCK_RAW), named "raw:icmp" in records; it has no port. */
  proto: 'tcp' | 'udp' | 'raw';
  fd?: number;
  /** The scenario's name for it (`as` of socket()/accept()). */
  name?: string;
  local?: string;
  remote?: string;
  listener: boolean;
  /** For a connection created by a listener: the listener's id. */
  parent?: number;
  /** First record that mentions it. */
  firstRecord: number;
}

/** What the run has shown of a socket so far (the rest of `SocketInfo` may lie in the future). */
export interface SocketKnown {
  /** From the return of the socket() or accept() that gave it. */
  fd?: number;
  name?: string;
  /** From bind(), connect() (or the SYN that made a listener's child), sendto(). */
  local?: string;
  remote?: string;
}

export interface SocketIndex {
  sockets: SocketInfo[];
  /** Per socket: what is known of it from each record on that changed it, in record order. */
  known: Array<Array<{ rec: number; known: SocketKnown }>>;
  /** Per record: the socket it is about, or -1. */
  recSock: Int32Array;
  /** Per packet record: sending and receiving socket (-1: the host itself, e.g. an RST with no socket). */
  pktFrom: Int32Array;
  pktTo: Int32Array;
}

const portOf = (addr: string) => addr.slice(addr.lastIndexOf(':') + 1);
/** An unbound or wildcard address says less than one we already know. */
const isWildcard = (addr: string) => addr.startsWith('0.0.0.0:') || addr.endsWith(':0');

export function indexSockets(trace: readonly TraceRecord[]): SocketIndex {
  const sockets: SocketInfo[] = [];
  const recSock = new Int32Array(trace.length).fill(-1);
  const pktFrom = new Int32Array(trace.length).fill(-1);
  const pktTo = new Int32Array(trace.length).fill(-1);
  const byFd = new Map<string, number>();
  const byAddr = new Map<string, number>();
  const calls = new Map<number, { rec: number; sock: number }>();
  const lastCallSock = new Map<string, number>();
  const bySid = new Map<string, number>();

  const known: SocketIndex['known'] = [];
  /** Sockets the current record may have told more about. */
  const touched = new Set<number>();
  const create = (host: string, proto: SocketInfo['proto'], first: number, extra: Partial<SocketInfo> = {}) => {
    const s: SocketInfo = { id: sockets.length, host, proto, listener: false, firstRecord: first, ...extra };
    sockets.push(s);
    known.push([]);
    touched.add(s.id);
    return s;
  };
  const recordKnown = (rec: number) => {
    for (const id of touched) {
      const s = sockets[id];
      const k: SocketKnown = { fd: s.fd, name: s.name, local: s.local, remote: s.remote };
      const list = known[id];
      const prev = list.length ? list[list.length - 1].known : undefined;
      if (!prev || prev.fd !== k.fd || prev.name !== k.name || prev.local !== k.local || prev.remote !== k.remote) list.push({ rec, known: k });
    }
    touched.clear();
  };
  const alias = (s: SocketInfo) => {
    if (s.local) byAddr.set(`${s.host}|${s.remote ? `${s.local}->${s.remote}` : s.local}`, s.id);
  };
  const findLocal = (host: string, local: string): SocketInfo | undefined => {
    const id = byAddr.get(`${host}|${local}`) ?? byAddr.get(`${host}|0.0.0.0:${portOf(local)}`);
    return id === undefined ? undefined : sockets[id];
  };

  /** Resolve a socket named by address in a state/timer/buffer/cwnd/queue record. */
  const resolve = (host: string, sock: string, fd: number | undefined, rec: number, sid: number | undefined): SocketInfo => {
    const arrow = sock.indexOf('->');
    const local = arrow < 0 ? sock : sock.slice(0, arrow);
    const remote = arrow < 0 ? undefined : sock.slice(arrow + 2);
    // The simulator's stable id settles identity; the address only names it.
    const bySidId = sid === undefined ? undefined : bySid.get(`${host}|${sid}`);
    if (bySidId !== undefined) {
      const s = sockets[bySidId];
      if (!isWildcard(local) || !s.local) s.local = local;
      if (remote) s.remote = remote;
      alias(s);
      touched.add(s.id);
      return s;
    }
    const known = byAddr.get(`${host}|${sock}`);
    if (known !== undefined) {
      if (sid !== undefined) bySid.set(`${host}|${sid}`, known);
      return sockets[known];
    }
    let s: SocketInfo | undefined;
    if (fd !== undefined) {
      const id = byFd.get(`${host}#${fd}`);
      if (id !== undefined) s = sockets[id];
    }
    if (!s) {
      // The socket of the call just made on this host (connect → SYN_SENT) if it has no address yet.
      const id = lastCallSock.get(host);
      const c = id === undefined ? undefined : sockets[id];
      if (c && c.proto === 'tcp' && !c.listener && !c.remote && (!c.local || c.local === local)) s = c;
    }
    if (!s) {
      const bound = findLocal(host, local);
      if (bound && !bound.listener && !bound.remote) s = bound;
      else if (remote) s = create(host, 'tcp', rec, { parent: bound?.listener ? bound.id : undefined });
      else s = create(host, 'tcp', rec);
    }
    if (!isWildcard(local) || !s.local) s.local = local;
    if (remote) s.remote = remote;
    alias(s);
    touched.add(s.id);
    if (sid !== undefined) bySid.set(`${host}|${sid}`, s.id);
    return s;
  };

  const endpoint = (host: string, local: string, remote: string, udp: boolean): number => {
    const exact = byAddr.get(`${host}|${local}->${remote}`);
    if (exact !== undefined) return exact;
    const bound = findLocal(host, local);
    if (bound) return bound.id;
    if (udp) {
      // An unbound UDP socket gets its ephemeral port with its first sendto().
      const id = lastCallSock.get(host);
      const c = id === undefined ? undefined : sockets[id];
      if (c && c.proto === 'udp' && !c.local) { c.local = local; alias(c); touched.add(c.id); return c.id; }
    }
    return -1;
  };

  trace.forEach((r, i) => {
    switch (r.type) {
      case 'call': {
        const viaSid = r.sid === undefined ? undefined : bySid.get(`${r.host}|${r.sid}`);
        const sock = viaSid ?? (r.fd === undefined ? -1 : byFd.get(`${r.host}#${r.fd}`) ?? -1);
        calls.set(r.id, { rec: i, sock });
        recSock[i] = sock;
        if (sock >= 0) lastCallSock.set(r.host, sock);
        break;
      }
      case 'block':
        recSock[i] = calls.get(r.id)?.sock ?? -1;
        break;
      case 'return': {
        const c = calls.get(r.id);
        recSock[i] = c?.sock ?? -1;
        if (!c || r.error !== undefined) break;
        const call = trace[c.rec];
        if (call.type !== 'call') break;
        const args = call.args;
        if (r.op === 'socket' && typeof r.result === 'number') {
          const s = create(r.host, args.type === 'dgram' ? 'udp' : args.type === 'raw' ? 'raw' : 'tcp', i, { fd: r.result, name: typeof args.as === 'string' ? args.as : undefined });
          byFd.set(`${r.host}#${r.result}`, s.id);
          if (r.sid !== undefined) bySid.set(`${r.host}|${r.sid}`, s.id);
          recSock[i] = s.id;
          lastCallSock.set(r.host, s.id);
        } else if (r.op === 'bind' && c.sock >= 0 && typeof args.port === 'number') {
          const s = sockets[c.sock];
          if (!s.local) {
            const ip = typeof args.ip === 'string' ? args.ip : hostIp(trace, r.host) ?? '0.0.0.0';
            s.local = `${ip}:${args.port}`;
            alias(s);
            touched.add(s.id);
          }
        } else if (r.op === 'connect' && c.sock >= 0 && r.sock && r.sock.includes('->')) {
          // A UDP connect() sends nothing: only its return names the pair it records.
          const s = sockets[c.sock];
          const [local, remote] = r.sock.split('->');
          if (!isWildcard(local) || !s.local) s.local = local;
          s.remote = remote;
          alias(s);
          touched.add(s.id);
        } else if (r.op === 'accept' && typeof r.result === 'number') {
          const known = r.sid === undefined ? undefined : bySid.get(`${r.host}|${r.sid}`);
          const child = (known !== undefined ? sockets[known] : undefined)
            ?? sockets.find((s) => s.parent === c.sock && s.fd === undefined && c.sock >= 0)
            ?? create(r.host, 'tcp', i, { parent: c.sock >= 0 ? c.sock : undefined });
          if (r.sid !== undefined) bySid.set(`${r.host}|${r.sid}`, child.id);
          child.fd = r.result;
          if (typeof args.as === 'string') child.name = args.as;
          touched.add(child.id);
          byFd.set(`${r.host}#${r.result}`, child.id);
          recSock[i] = child.id;
        } else if (r.op === 'close' && call.fd !== undefined) {
          byFd.delete(`${r.host}#${call.fd}`);
        }
        break;
      }
      case 'state': {
        const s = resolve(r.host, r.sock, r.fd, i, r.sid);
        if (r.to === 'LISTEN') s.listener = true;
        if (r.fd !== undefined && s.fd === undefined) { s.fd = r.fd; byFd.set(`${r.host}#${r.fd}`, s.id); }
        recSock[i] = s.id;
        break;
      }
      case 'timer':
      case 'buffer':
      case 'cwnd':
      case 'queue':
        recSock[i] = resolve(r.host, r.sock, undefined, i, r.sid).id;
        break;
      case 'segment':
      case 'datagram':
        pktFrom[i] = endpoint(r.from, r.src, r.dst, r.type === 'datagram');
        pktTo[i] = endpoint(r.to, r.dst, r.src, r.type === 'datagram');
        break;
      case 'icmp':
      case 'program':
        break;
    }
    recordKnown(i);
  });
  // Packets seen before their socket was named (e.g. an imported capture, whose states are
  // inferred after the segment that caused them) get the socket the run later shows there.
  trace.forEach((r, i) => {
    if (r.type !== 'segment' && r.type !== 'datagram') return;
    const find = (host: string, local: string, remote: string) =>
      sockets.find((s) => s.host === host && s.local === local && s.remote === remote)
      ?? sockets.find((s) => s.host === host && s.local === local && !s.remote);
    if (pktFrom[i] < 0) pktFrom[i] = find(r.from, r.src, r.dst)?.id ?? -1;
    if (pktTo[i] < 0) pktTo[i] = find(r.to, r.dst, r.src)?.id ?? -1;
  });
  return { sockets, known, recSock, pktFrom, pktTo };
}

/** What was known of socket `id` once record `rec` had happened (nothing before its first record). */
export function knownAt(index: Pick<SocketIndex, 'known'>, id: number, rec: number): SocketKnown {
  const list = index.known[id] ?? [];
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].rec <= rec) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 ? list[found].known : {};
}

const ipCache = new WeakMap<readonly TraceRecord[], Map<string, string>>();
/** A host's IP as the trace shows it (the source address of a packet it sent). */
function hostIp(trace: readonly TraceRecord[], host: string): string | undefined {
  let m = ipCache.get(trace);
  if (!m) {
    m = new Map();
    for (const r of trace) {
      if (r.type !== 'segment' && r.type !== 'datagram') continue;
      if (!m.has(r.from)) m.set(r.from, r.src.slice(0, r.src.lastIndexOf(':')));
      if (!m.has(r.to)) m.set(r.to, r.dst.slice(0, r.dst.lastIndexOf(':')));
    }
    ipCache.set(trace, m);
  }
  return m.get(host);
}
