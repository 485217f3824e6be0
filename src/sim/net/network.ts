// The network between the hosts: one Link per ordered pair of hosts (its own RNG stream), the
// scenario's faults, and the trace records of every packet's send, drop, duplicate and deliver.
import type { Scenario } from '../../scenarios/schema';
import { createRng } from '../engine/rng';
import type { Scheduler } from '../engine/scheduler';
import type { Tracer } from '../trace/tracer';
import type { DatagramRecord, DropReason, IcmpRecord, PacketEvent, SegmentRecord } from '../trace/records';
import { FaultPlan } from './faults';
import { DEFAULT_LINK, Link, type LinkParams } from './link';
import { flagNames, ipLength, type Packet, type TcpOption } from './packet';
import type { PacketMeta } from './hostContext';

export interface NetHost {
  readonly name: string;
  readonly ip: string;
  receive(p: Packet): void;
  isLocal(ip: string): boolean;
}

interface SentInfo { from: string; to: string; meta: PacketMeta; srcName: string; dstName: string }

export class Network {
  readonly packets = new Map<number, Packet>();
  private readonly info = new Map<number, SentInfo>();
  private readonly hostsByIp = new Map<string, NetHost>();
  private readonly hosts: NetHost[] = [];
  private readonly links = new Map<string, Link>();
  private readonly faults: FaultPlan;
  private nextId = 1;

  constructor(private readonly sched: Scheduler, private readonly tracer: Tracer, private readonly scenario: Scenario) {
    this.faults = new FaultPlan(scenario.faults ?? []);
  }

  addHost(h: NetHost): void {
    this.hosts.push(h);
    this.hostsByIp.set(h.ip, h);
  }

  private params(from: string, to: string): LinkParams {
    const n = this.scenario.network ?? {};
    const base: LinkParams = {
      latency: n.latency ?? DEFAULT_LINK.latency, jitter: n.jitter ?? DEFAULT_LINK.jitter,
      loss: n.loss ?? DEFAULT_LINK.loss, duplicate: n.duplicate ?? DEFAULT_LINK.duplicate,
      reorder: n.reorder ?? DEFAULT_LINK.reorder, bandwidth: n.bandwidth === undefined ? DEFAULT_LINK.bandwidth : n.bandwidth,
      mtu: n.mtu ?? DEFAULT_LINK.mtu,
    };
    if (from === to) return { ...base, latency: 0, jitter: 0, loss: 0, duplicate: 0, reorder: 0, bandwidth: null, mtu: 65536 }; // loopback, like Linux lo
    for (const l of n.links ?? []) {
      if (l.from === from && l.to === to) {
        for (const [k, v] of Object.entries(l)) if (k !== 'from' && k !== 'to' && v !== undefined) (base as unknown as Record<string, unknown>)[k] = v;
      }
    }
    return base;
  }

  private link(from: string, to: string): Link {
    const key = `${from}->${to}`;
    let l = this.links.get(key);
    if (!l) {
      l = new Link(this.params(from, to), createRng(this.scenario.seed, `link:${key}`));
      this.links.set(key, l);
    }
    return l;
  }

  /** The host that owns `ip` as seen from `from` (127.x.x.x is the sender itself). */
  resolve(from: NetHost, ip: string): NetHost | undefined {
    if (from.isLocal(ip)) return from;
    return this.hostsByIp.get(ip);
  }

  mtu(from: NetHost, ip: string): number {
    const to = this.resolve(from, ip);
    return to ? this.params(from.name, to.name).mtu : DEFAULT_LINK.mtu;
  }

  /** Put a packet on the network; it receives its trace id here. */
  send(from: NetHost, packet: Packet, meta: PacketMeta): number {
    const id = this.nextId++;
    packet.id = id;
    const p = packet;
    const to = this.resolve(from, p.dst);
    this.packets.set(id, packet);
    const ports = p.tcp ?? p.udp;
    this.info.set(id, {
      from: from.name, to: to?.name ?? p.dst, meta,
      srcName: ports ? this.endpoint(p.src, ports.srcPort) : p.src, dstName: ports ? this.endpoint(p.dst, ports.dstPort) : p.dst,
    });
    this.record(packet, 'send');
    if (!to) { this.record(packet, 'drop', 'no-host'); return id; }
    const link = this.link(from.name, to.name);
    const action = this.faults.apply(packet, from.name, to.name);
    const size = ipLength(packet);
    const fate = link.transmit(this.sched.now, size, action.delayMs, action.duplicate);
    const lostAt = Math.round((fate.departUs + fate.arriveUs) / 2); // shown lost halfway
    if (size > link.params.mtu && packet.df) {
      this.sched.at(fate.departUs, () => this.record(packet, 'drop', 'mtu'));
      return id;
    }
    if (action.drop) {
      this.sched.at(lostAt, () => this.record(packet, 'drop', 'fault'));
    } else if (fate.lost) {
      this.sched.at(lostAt, () => this.record(packet, 'drop', 'loss'));
    } else {
      this.sched.at(fate.arriveUs, () => { this.record(packet, 'deliver'); to.receive(packet); });
    }
    if (fate.duplicateArriveUs !== null) {
      this.record(packet, 'duplicate');
      this.sched.at(fate.duplicateArriveUs, () => { this.record(packet, 'deliver', undefined, 1); to.receive(packet); });
    }
    return id;
  }

  private readonly endpoints = new Map<string, Map<number, string>>();

  /** "ip:port", built once per endpoint (every record of a long run names two of them). */
  private endpoint(ip: string, port: number): string {
    let byPort = this.endpoints.get(ip);
    if (!byPort) { byPort = new Map(); this.endpoints.set(ip, byPort); }
    let name = byPort.get(port);
    if (name === undefined) { name = `${ip}:${port}`; byPort.set(port, name); }
    return name;
  }

  /** A host received the packet but its stack threw it away. */
  discard(p: Packet, reason: DropReason): void {
    this.record(p, 'drop', reason);
  }

  private record(p: Packet, event: PacketEvent, reason?: DropReason, copy?: number): void {
    const info = this.info.get(p.id)!;
    // Records are built as plain literals, optional fields added only when present (no spreads:
    // a bulk transfer emits tens of thousands of these).
    let rec: SegmentRecord | DatagramRecord | IcmpRecord;
    if (p.tcp) {
      const t = p.tcp;
      const seg: SegmentRecord = {
        t: 0, type: 'segment', event, id: p.id, src: info.srcName, dst: info.dstName,
        flags: flagNames(t.flags), seq: t.seq, ack: t.ack, rseq: info.meta.rseq ?? 0, rack: info.meta.rack ?? 0,
        len: t.payload.length, win: info.meta.win ?? t.window, from: info.from, to: info.to,
      };
      if (info.meta.note) seg.note = info.meta.note;
      if (t.options.length > 0) seg.opts = optionsOf(t.options);
      rec = seg;
    } else if (p.udp) {
      rec = { t: 0, type: 'datagram', event, id: p.id, src: info.srcName, dst: info.dstName, len: p.udp.payload.length, from: info.from, to: info.to };
    } else {
      const ic = p.icmp!;
      rec = {
        t: 0, type: 'icmp', event, id: p.id, src: p.src, dst: p.dst,
        kind: ic.type === 3 && ic.code === 3 ? 'port-unreachable' : ic.type === 3 && ic.code === 4 ? 'frag-needed' : 'host-unreachable',
        about: ic.original.id, from: info.from, to: info.to,
      };
    }
    if (reason) rec.reason = reason;
    if (copy) rec.copy = copy;
    this.tracer.emit(rec);
  }
}

function optionsOf(options: readonly TcpOption[]): NonNullable<SegmentRecord['opts']> {
  const o: NonNullable<SegmentRecord['opts']> = {};
  for (const x of options) {
    if (x.kind === 'mss') o.mss = x.value;
    else if (x.kind === 'wscale') o.wscale = x.shift;
    else if (x.kind === 'sackPermitted') o.sackPermitted = true;
  }
  return o;
}
