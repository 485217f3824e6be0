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

type PacketRecord = SegmentRecord | DatagramRecord | IcmpRecord;

export class Network {
  /** Every packet, by trace id − 1; `packets` turns it into the Map the API returns. (Filling
   *  a Map as packets go out costs several times more: its table keeps growing while the
   *  young packets it points to are still being moved by the garbage collector.) */
  private readonly packetList: Packet[] = [];
  private readonly packetMap = new Map<number, Packet>();
  private packetsInMap = 0;
  /** The `send` record of each packet, by trace id: its later records (deliver, drop, duplicate)
   *  repeat its fields. */
  private readonly sendRecords: PacketRecord[] = [];
  /** The host each packet goes to, by trace id (for its delivery events). */
  private readonly destinations: NetHost[] = [];
  private readonly hostsByIp = new Map<string, NetHost>();
  private readonly hosts: NetHost[] = [];
  private readonly links = new Map<string, Link>();
  /** Links by sending and receiving host, so a packet finds its link without building a key. */
  private readonly linkCache = new Map<NetHost, Map<NetHost, Link>>();
  private readonly faults: FaultPlan;
  private nextId = 1;

  constructor(private readonly sched: Scheduler, private readonly tracer: Tracer, private readonly scenario: Scenario) {
    this.faults = new FaultPlan(scenario.faults ?? []);
  }

  /** Every packet sent so far, by trace id. */
  get packets(): Map<number, Packet> {
    const list = this.packetList;
    for (; this.packetsInMap < list.length; this.packetsInMap++) this.packetMap.set(this.packetsInMap + 1, list[this.packetsInMap]);
    return this.packetMap;
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

  private link(from: NetHost, to: NetHost): Link {
    let byTo = this.linkCache.get(from);
    if (!byTo) { byTo = new Map(); this.linkCache.set(from, byTo); }
    let l = byTo.get(to);
    if (!l) {
      const key = `${from.name}->${to.name}`;
      l = this.links.get(key);
      if (!l) {
        l = new Link(this.params(from.name, to.name), createRng(this.scenario.seed, `link:${key}`));
        this.links.set(key, l);
      }
      byTo.set(to, l);
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
    const to = this.resolve(from, packet.dst);
    this.packetList.push(packet);
    const sent = this.sendRecord(packet, from.name, to?.name ?? packet.dst, meta);
    this.sendRecords[id] = sent;
    this.tracer.emit(sent);
    if (!to) { this.again(sent, 'drop', 'no-host'); return id; }
    this.destinations[id] = to;
    const link = this.link(from, to);
    const action = this.faults.apply(packet, from.name, to.name);
    const size = ipLength(packet);
    const fate = link.transmit(this.sched.now, size, action.delayMs, action.duplicate);
    const lostAt = Math.round((fate.departUs + fate.arriveUs) / 2); // shown lost halfway
    if (size > link.params.mtu && packet.df) {
      this.sched.at(fate.departUs, () => this.again(sent, 'drop', 'mtu'));
      return id;
    }
    if (action.drop) {
      this.sched.at(lostAt, () => this.again(sent, 'drop', 'fault'));
    } else if (fate.lost) {
      this.sched.at(lostAt, () => this.again(sent, 'drop', 'loss'));
    } else {
      this.sched.atWith(fate.arriveUs, this.deliver, packet);
    }
    if (fate.duplicateArriveUs !== null) {
      this.again(sent, 'duplicate');
      this.sched.atWith(fate.duplicateArriveUs, this.deliverCopy, packet);
    }
    return id;
  }

  private readonly deliver = (p: Packet): void => {
    this.again(this.sendRecords[p.id], 'deliver');
    this.destinations[p.id].receive(p);
  };

  /** The duplicate copy a link made arrives (its records say `copy: 1`). */
  private readonly deliverCopy = (p: Packet): void => {
    this.again(this.sendRecords[p.id], 'deliver', undefined, 1);
    this.destinations[p.id].receive(p);
  };

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
    this.again(this.sendRecords[p.id], 'drop', reason);
  }

  /** The packet's first record. Built as one literal (a bulk transfer emits tens of thousands):
   *  the optional `note` and `opts` come last, in that order, only when present. */
  private sendRecord(p: Packet, from: string, to: string, meta: PacketMeta): PacketRecord {
    const t = this.tracer.now;
    const ports = p.tcp ?? p.udp;
    const src = ports ? this.endpoint(p.src, ports.srcPort) : p.src;
    const dst = ports ? this.endpoint(p.dst, ports.dstPort) : p.dst;
    if (p.tcp) {
      const h = p.tcp;
      const flags = flagNames(h.flags);
      const rseq = meta.rseq ?? 0;
      const rack = meta.rack ?? 0;
      const win = meta.win ?? h.window;
      const len = h.payload.length;
      const note = meta.note;
      if (note && h.options.length === 0) {
        return { t, type: 'segment', event: 'send', id: p.id, src, dst, flags, seq: h.seq, ack: h.ack, rseq, rack, len, win, from, to, note };
      }
      const seg: SegmentRecord = { t, type: 'segment', event: 'send', id: p.id, src, dst, flags, seq: h.seq, ack: h.ack, rseq, rack, len, win, from, to };
      if (note) seg.note = note;
      if (h.options.length > 0) seg.opts = optionsOf(h.options);
      return seg;
    }
    if (p.udp) return { t, type: 'datagram', event: 'send', id: p.id, src, dst, len: p.udp.payload.length, from, to };
    const ic = p.icmp!;
    return {
      t, type: 'icmp', event: 'send', id: p.id, src, dst,
      kind: ic.type === 3 && ic.code === 3 ? 'port-unreachable' : ic.type === 3 && ic.code === 4 ? 'frag-needed' : 'host-unreachable',
      about: ic.original.id, from, to,
    };
  }

  /** A later record of a sent packet: its send record with another time and event, keys in the
   *  same order, then `reason` and `copy` when present. (Copied field by field: an object spread
   *  is several times slower here.) */
  private again(sent: PacketRecord, event: PacketEvent, reason?: DropReason, copy?: number): void {
    const t = this.tracer.now;
    let rec: PacketRecord;
    if (sent.type === 'segment') {
      const s = sent;
      if (s.note !== undefined && s.opts === undefined) {
        rec = {
          t, type: 'segment', event, id: s.id, src: s.src, dst: s.dst, flags: s.flags, seq: s.seq, ack: s.ack,
          rseq: s.rseq, rack: s.rack, len: s.len, win: s.win, from: s.from, to: s.to, note: s.note,
        };
      } else {
        const seg: SegmentRecord = {
          t, type: 'segment', event, id: s.id, src: s.src, dst: s.dst, flags: s.flags, seq: s.seq, ack: s.ack,
          rseq: s.rseq, rack: s.rack, len: s.len, win: s.win, from: s.from, to: s.to,
        };
        if (s.note !== undefined) seg.note = s.note;
        if (s.opts !== undefined) seg.opts = { ...s.opts }; // each record owns its objects
        rec = seg;
      }
    } else if (sent.type === 'datagram') {
      rec = { t, type: 'datagram', event, id: sent.id, src: sent.src, dst: sent.dst, len: sent.len, from: sent.from, to: sent.to };
    } else {
      rec = { t, type: 'icmp', event, id: sent.id, src: sent.src, dst: sent.dst, kind: sent.kind, about: sent.about, from: sent.from, to: sent.to };
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
