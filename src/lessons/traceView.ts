// The run on screen as lesson text and questions read it: the scenario, its trace, its packets,
// and small lookups (the record an anchor names, a socket's state at a moment). A lookup that
// finds nothing throws `Unresolved`: the question or sentence then says it does not apply to
// this run instead of showing a wrong value.
import type { Scenario } from '../scenarios/schema';
import type { Packet } from '../sim/net/packet';
import type { ReturnRecord, SegmentRecord, TcpState, TraceRecord } from '../sim/trace/records';
import { resolveAnchor } from './anchors';
import type { Anchor, Matcher } from './types';

export class Unresolved extends Error {
  constructor(what: string) {
    super(`not in this run: ${what}`);
    this.name = 'Unresolved';
  }
}

type Of<T extends TraceRecord['type']> = Extract<TraceRecord, { type: T }>;

export class TraceView {
  constructor(
    readonly scenario: Scenario,
    readonly trace: readonly TraceRecord[],
    readonly packets: ReadonlyMap<number, Packet> = new Map(),
  ) {}

  /** Index of the anchored record. */
  at(anchor: Anchor): number {
    const p = resolveAnchor(anchor, this.trace);
    if (!p) throw new Unresolved(JSON.stringify(anchor, (k, v) => (k === 'after' ? '…' : v)));
    return p.index;
  }

  /** The anchored record, which must be of `type`. */
  get<T extends TraceRecord['type']>(type: T, anchor: Anchor): Of<T> {
    const r = this.trace[this.at(anchor)];
    if (r.type !== type) throw new Unresolved(`a ${type} record`);
    return r as Of<T>;
  }

  seg(anchor: Anchor & { type: 'segment' }): SegmentRecord {
    return this.get('segment', anchor);
  }

  ret(anchor: Anchor & { type: 'return' }): ReturnRecord {
    return this.get('return', anchor);
  }

  time(anchor: Anchor): number {
    return this.trace[this.at(anchor)].t;
  }

  /** Records of `type` in index range [from, to), optionally filtered. */
  all<T extends TraceRecord['type']>(type: T, pred: (r: Of<T>) => boolean = () => true, from = 0, to = this.trace.length): Of<T>[] {
    const out: Of<T>[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.trace.length); i++) {
      const r = this.trace[i];
      if (r.type === type && pred(r as Of<T>)) out.push(r as Of<T>);
    }
    return out;
  }

  /** How many records match, between two indices. */
  count(m: Matcher, from = 0, to = this.trace.length): number {
    let n = 0;
    for (let k = 1; ; k++) {
      const p = resolveAnchor({ ...m, nth: k } as Anchor, this.trace);
      if (!p || p.index >= to) return n;
      if (p.index >= from) n++;
    }
  }

  /**
   * The last record of the moment `index` starts: the bookkeeping that follows a record at the same
   * time (state changes, buffers, windows, queues, timers set or cancelled) belongs to it, as the
   * stage folds it into one step. A question about "now" reads the trace up to here.
   */
  settled(index: number): number {
    let i = index;
    while (i + 1 < this.trace.length) {
      const r = this.trace[i + 1];
      const bookkeeping = r.type === 'state' || r.type === 'buffer' || r.type === 'cwnd' || r.type === 'queue' || r.type === 'block'
        || r.type === 'program' || (r.type === 'timer' && r.event !== 'fire');
      if (!bookkeeping || r.t !== this.trace[index].t) break;
      i++;
    }
    return i;
  }

  /** The state of socket `sid` once record `index` has happened (CLOSED before its first change). */
  stateOf(sid: number, index: number): TcpState {
    let s: TcpState = 'CLOSED';
    for (let i = 0; i <= index && i < this.trace.length; i++) {
      const r = this.trace[i];
      if (r.type === 'state' && r.sid === sid) s = r.to;
    }
    return s;
  }

  /** The socket (sid) a host uses for the connection whose `src` or `dst` endpoint is `endpoint`. */
  sidAt(host: string, endpoint: string): number {
    const r = this.trace.find((x) => x.type === 'state' && x.host === host && x.sock.split('->')[0] === endpoint);
    if (!r || r.type !== 'state') throw new Unresolved(`a socket of ${host} at ${endpoint}`);
    return r.sid;
  }

  /** The sender's initial sequence number, from any of its segments (seq − relative seq). */
  isn(seg: SegmentRecord): number {
    return (seg.seq - seg.rseq) >>> 0;
  }

  /** The IP of a host of the scenario. */
  ip(host: string): string {
    const h = this.scenario.hosts[host];
    if (!h) throw new Unresolved(`host ${host}`);
    return h.ip;
  }

  /** The data a recv()/recvfrom() return carries. */
  received(r: ReturnRecord): string {
    const res = r.result;
    if (typeof res !== 'object' || res === null || !('bytes' in res)) throw new Unresolved('data returned by recv()');
    return res.data;
  }
}

/** Port of an "ip:port" endpoint. */
export function portOf(endpoint: string): number {
  return Number(endpoint.split('->')[0].split(':')[1]);
}
