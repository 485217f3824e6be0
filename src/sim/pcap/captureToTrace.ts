// Capture import, step 2: decoded packets → a trace the stage plays like a simulated run.
// A captured packet was seen at one point only, so each becomes a `send` record at its capture
// time and a `deliver` record one estimated one-way delay later (see flightDelay.ts); TCP
// endpoint states are inferred from the segments (tcpConversation.ts). See docs/pcap.md.
import { ACK, FIN, SYN, flagNames, type Packet } from '../net/packet';
import type { IcmpRecord, StateRecord, TraceRecord } from '../trace/records';
import { isCaptureError, type CaptureError, type CaptureWarning } from './captureError';
import type { CapturedPacket } from './encode';
import { DEFAULT_ONE_WAY_MS, clampDelay, deliveryTimes, estimateOneWay, type Flight } from './flightDelay';
import type { SkipReason } from './linkLayer';
import { readCapture, type Capture } from './readCapture';
import { TcpConversation, type StateChange } from './tcpConversation';

export interface CaptureHost {
  /** The name used in records' host/from/to: the IP, or "ip:port" for an address that talks to itself. */
  name: string;
  ip: string;
  port?: number;
}

export interface CaptureConversation {
  proto: 'tcp' | 'udp';
  /** "ip:port" of the side that opened it (sent the SYN, or the first packet), and of the other side. */
  a: string;
  b: string;
  /** Packet ids (frame numbers) in capture order, including ICMP errors about its packets. */
  packets: number[];
  /** TCP: the capture began after the handshake, so both ends start in ESTABLISHED. */
  midway?: boolean;
  /** TCP: round-trip time of the handshake as the capture saw it (SYN → third ACK), ms. */
  handshakeRtt?: number;
  /** The one-way delay used for this conversation's deliver records, ms. */
  delay: number;
}

export interface CaptureTrace {
  trace: TraceRecord[];
  packets: Map<number, CapturedPacket>;
  hosts: CaptureHost[];
  conversations: CaptureConversation[];
  /** Frames skipped while reading plus ICMP messages with no trace counterpart, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  warnings: CaptureWarning[];
  /** Capture-wide one-way delay estimate, ms. */
  delay: number;
}

export interface CaptureTraceOptions {
  /** Use this one-way delay (ms) for every packet instead of the handshake estimate. */
  oneWayDelay?: number;
}

const endpoint = (ip: string, port: number) => `${ip}:${port}`;
const convKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

interface Item {
  p: CapturedPacket;
  t: number;
  srcEp: string;
  dstEp: string;
  from: string;
  to: string;
  /** Index into the conversation list, or -1 (an ICMP error about nothing we saw). */
  conv: number;
  /** TCP: relative numbers etc., computed in capture order when the conversation is assigned. */
  numbers?: ReturnType<TcpConversation['numbers']>;
}

export function captureToTrace(capture: Capture, options: CaptureTraceOptions = {}): CaptureTrace {
  const frames = capture.frames.filter((f) => capture.packets.has(f.n)).sort((x, y) => x.t - y.t || x.n - y.n);
  const skipped = { ...capture.skipped };
  const naming = hostNaming([...capture.packets.values()]);

  // Conversations and host names, in capture order.
  const convs: Array<{ info: CaptureConversation; tcp?: TcpConversation }> = [];
  const current = new Map<string, number>();
  const items: Item[] = [];
  for (const f of frames) {
    const p = capture.packets.get(f.n)!;
    const item = describe(p, f.t, naming, current, convs);
    if (!item) { skipped['icmp-type'] = (skipped['icmp-type'] ?? 0) + 1; continue; }
    items.push(item);
  }

  // Flight delays: each conversation's handshake RTT / 2, else the capture-wide median.
  const byConv: Item[][] = convs.map(() => []);
  for (const i of items) if (i.conv >= 0) byConv[i.conv].push(i);
  const estimates = convs.map(({ tcp }, c) => (tcp ? estimateOneWay(byConv[c].map((i) => ({ t: i.t, sender: i.srcEp, packet: i.p }))) : undefined));
  const known = estimates.filter((e): e is { rtt: number; oneWay: number } => e !== undefined);
  const median = known.length > 0 ? [...known].sort((x, y) => x.oneWay - y.oneWay)[Math.floor((known.length - 1) / 2)].oneWay : DEFAULT_ONE_WAY_MS;
  const overall = clampDelay(options.oneWayDelay ?? median);
  convs.forEach(({ info }, i) => {
    const e = estimates[i];
    if (e) info.handshakeRtt = e.rtt;
    info.delay = clampDelay(options.oneWayDelay ?? e?.oneWay ?? overall);
  });
  const arrivals = deliveryTimes(items.map((i) => ({
    t: i.t, conv: i.conv, sender: i.srcEp, receiver: i.dstEp,
    delay: i.conv >= 0 ? convs[i.conv].info.delay : overall,
    ...tcpExtent(i.p),
  })));

  // Events in time order. At equal times a delivery comes right after the packet it must follow
  // (its own send, or a packet the receiver sent before it arrived) and before later sends.
  const events = items.flatMap((item, rank) => [
    { t: item.t, key: rank, rank, item, deliver: false },
    { t: arrivals[rank].t, key: arrivals[rank].after + 0.5, rank, item, deliver: true },
  ]).sort((x, y) => x.t - y.t || x.key - y.key || x.rank - y.rank);

  const trace: TraceRecord[] = [];
  const hostOfEp = new Map<string, string>();
  for (const item of items) { hostOfEp.set(item.srcEp, item.from); hostOfEp.set(item.dstEp, item.to); }
  const stateRecord = (t: number, c: StateChange): StateRecord => ({
    t, type: 'state', host: hostOfEp.get(c.side.ep) ?? c.side.ep, sock: `${c.side.ep}->${c.peer.ep}`, sid: c.side.sid,
    from: c.from, to: c.to, cause: c.cause,
  });
  for (const { t, item, deliver } of events) {
    const { p } = item;
    const event = deliver ? 'deliver' : 'send';
    const common = { t, event, id: p.id, from: item.from, to: item.to } as const;
    if (p.tcp) {
      const tcp = convs[item.conv].tcp!;
      if (!deliver && !tcp.started) {
        tcp.started = true;
        for (const c of tcp.initial) trace.push(stateRecord(t, c));
      }
      trace.push({ type: 'segment', ...common, src: item.srcEp, dst: item.dstEp, flags: flagNames(p.tcp.flags), ...item.numbers! });
      const changes = deliver ? tcp.onReceive(item.srcEp, p.tcp) : tcp.onSend(item.srcEp, p.tcp);
      for (const c of changes) trace.push(stateRecord(t, c));
    } else if (p.udp) {
      trace.push({ type: 'datagram', ...common, src: item.srcEp, dst: item.dstEp, len: p.udp.payload.length });
    } else if (p.icmp) {
      trace.push({ type: 'icmp', ...common, src: p.src, dst: p.dst, kind: icmpKind(p)!, about: p.icmp.original.id });
    }
  }

  const hosts: CaptureHost[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const [name, ep] of [[item.from, item.srcEp], [item.to, item.dstEp]]) {
      if (seen.has(name)) continue;
      seen.add(name);
      const [ip, port] = splitEndpoint(ep);
      hosts.push(name === ip || port === undefined ? { name, ip } : { name, ip, port });
    }
  }
  return {
    trace, packets: capture.packets, hosts, conversations: convs.map((c) => c.info), skipped,
    warnings: capture.warnings, delay: overall,
  };
}

/** readCapture then captureToTrace: what the UI calls with a dropped file's bytes. */
export function importCapture(bytes: Uint8Array, options: CaptureTraceOptions = {}): CaptureTrace | CaptureError {
  const capture = readCapture(bytes);
  if (isCaptureError(capture)) return capture;
  return captureToTrace(capture, options);
}

/** The sequence space a TCP segment occupies and the ack it carries, for deliveryTimes. */
function tcpExtent(p: Packet): Pick<Flight, 'end' | 'ack'> {
  const h = p.tcp;
  if (!h) return {};
  const span = h.payload.length + (h.flags & SYN ? 1 : 0) + (h.flags & FIN ? 1 : 0);
  return { ...(span > 0 ? { end: (h.seq + span) >>> 0 } : {}), ...(h.flags & ACK ? { ack: h.ack } : {}) };
}

function splitEndpoint(ep: string): [string, number | undefined] {
  const i = ep.lastIndexOf(':');
  return i < 0 ? [ep, undefined] : [ep.slice(0, i), Number(ep.slice(i + 1))];
}

export function icmpKind(p: Packet): IcmpRecord['kind'] | undefined {
  if (p.icmp?.type !== 3) return undefined;
  return ({ 1: 'host-unreachable', 3: 'port-unreachable', 4: 'frag-needed' } as const)[p.icmp.code as 1 | 3 | 4];
}

/**
 * Hosts are named by IP address. An address that sends to itself (loopback captures) would put
 * client and server on one lifeline, so for those addresses each port is its own host "ip:port".
 */
function hostNaming(packets: Packet[]): (ip: string, port: number | undefined) => string {
  const selfTalk = new Set(packets.filter((p) => p.src === p.dst).map((p) => p.src));
  return (ip, port) => (selfTalk.has(ip) && port !== undefined ? endpoint(ip, port) : ip);
}

function ports(p: Packet): [number, number] | undefined {
  const h = p.tcp ?? p.udp;
  return h ? [h.srcPort, h.dstPort] : undefined;
}

function describe(
  p: CapturedPacket, t: number, name: (ip: string, port: number | undefined) => string,
  current: Map<string, number>, convs: Array<{ info: CaptureConversation; tcp?: TcpConversation }>,
): Item | undefined {
  if (p.icmp) {
    if (!icmpKind(p)) return undefined;
    // An ICMP error answers the quoted packet: it comes from the quoted destination's side and
    // goes to the quoted source, so it belongs to that packet's conversation.
    const q = p.icmp.original;
    const qp = ports(q);
    const fromPort = qp && p.src === q.dst ? qp[1] : undefined;
    const toPort = qp && p.dst === q.src ? qp[0] : undefined;
    const srcEp = fromPort === undefined ? p.src : endpoint(p.src, fromPort);
    const dstEp = toPort === undefined ? p.dst : endpoint(p.dst, toPort);
    const key = qp ? `${q.proto}|${convKey(endpoint(q.src, qp[0]), endpoint(q.dst, qp[1]))}` : '';
    const conv = current.get(key) ?? -1;
    if (conv >= 0) convs[conv].info.packets.push(p.id);
    return { p, t, srcEp, dstEp, from: name(p.src, fromPort), to: name(p.dst, toPort), conv };
  }
  const [sp, dp] = ports(p)!;
  const srcEp = endpoint(p.src, sp);
  const dstEp = endpoint(p.dst, dp);
  const key = `${p.proto}|${convKey(srcEp, dstEp)}`;
  let conv = current.get(key);
  const existing = conv === undefined ? undefined : convs[conv];
  if (!existing || (p.tcp && existing.tcp?.isNewIncarnation(srcEp, p.tcp))) {
    const tcp = p.tcp ? new TcpConversation(p, srcEp, dstEp, [2 * convs.length + 1, 2 * convs.length + 2]) : undefined;
    const info: CaptureConversation = {
      proto: p.tcp ? 'tcp' : 'udp', a: tcp ? tcp.a.ep : srcEp, b: tcp ? tcp.b.ep : dstEp, packets: [], delay: 0,
    };
    if (tcp?.midway) info.midway = true;
    conv = convs.push(tcp ? { info, tcp } : { info }) - 1;
    current.set(key, conv);
  }
  const c = convs[conv!];
  c.info.packets.push(p.id);
  const item: Item = { p, t, srcEp, dstEp, from: name(p.src, sp), to: name(p.dst, dp), conv: conv! };
  if (c.tcp && p.tcp) item.numbers = c.tcp.numbers(srcEp, p.tcp);
  return item;
}
