// How long an imported packet is shown in flight. A capture records each packet once, at the
// capture point, so the one-way delay is estimated: half the handshake round trip (SYN → the
// third segment, which is the RTT wherever the capture point sits on the path), bounded, and
// per packet fitted between what the receiver's later packets show it had or had not yet seen.
import { ACK, SYN, type Packet } from '../net/packet';

/** Used when no handshake was captured (UDP only, or a capture that starts mid-connection). */
export const DEFAULT_ONE_WAY_MS = 1;
export const MIN_ONE_WAY_MS = 0.001;
export const MAX_ONE_WAY_MS = 250;

export function clampDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_ONE_WAY_MS) return MIN_ONE_WAY_MS;
  return Math.min(ms, MAX_ONE_WAY_MS);
}

export interface SeenPacket {
  t: number;
  sender: string;
  packet: Packet;
}

/** Handshake RTT and half of it, from one TCP conversation's packets in capture order. */
export function estimateOneWay(packets: readonly SeenPacket[]): { rtt: number; oneWay: number } | undefined {
  const flags = (s: SeenPacket) => s.packet.tcp?.flags ?? 0;
  const syn = packets.find((s) => (flags(s) & (SYN | ACK)) === SYN);
  if (!syn) return undefined;
  const synAck = packets.find((s) => s.t >= syn.t && s.sender !== syn.sender && (flags(s) & (SYN | ACK)) === (SYN | ACK));
  if (!synAck) return undefined;
  const third = packets.find((s) => s.t >= synAck.t && s.sender === syn.sender && (flags(s) & (SYN | ACK)) === ACK);
  const rtt = (third ?? synAck).t - syn.t;
  return { rtt, oneWay: rtt / 2 };
}

export interface Flight {
  t: number;
  /** Conversation index; packets of different conversations do not bound each other (-1: none). */
  conv: number;
  sender: string;
  receiver: string;
  delay: number;
  /** TCP: sequence number just past this segment, when it occupies sequence space (data, SYN, FIN). */
  end?: number;
  /** TCP: the acknowledgment number, when ACK is set. */
  ack?: number;
}

export interface Delivery {
  t: number;
  /** Index of the flight this delivery must come after when times are equal. */
  after: number;
}

const seqGE = (a: number, b: number) => ((a - b) | 0) >= 0;
/** How far to look for the receiver's acknowledgment before giving up (keeps the work linear). */
const SCAN_LIMIT = 4096;

/**
 * When each packet arrives (`flights` in time order). The receiver's later packets bound it:
 * a TCP segment that occupies sequence space arrives before the first packet whose ACK covers it
 * and after any packet sent in between that does not (the receiver had not seen it yet: that is
 * how crossing FINs lead to CLOSING). Other packets arrive before the receiver's next packet in
 * the conversation. Within those bounds the flight lasts the conversation's delay, or half the
 * window the bounds leave.
 */
export function deliveryTimes(flights: readonly Flight[]): Delivery[] {
  const bySender = new Map<string, number[]>();
  flights.forEach((f, i) => {
    const key = `${f.conv}|${f.sender}`;
    if (f.conv < 0) return;
    const list = bySender.get(key);
    if (list) list.push(i); else bySender.set(key, [i]);
  });
  return flights.map((f, i) => {
    const replies = f.conv >= 0 ? bySender.get(`${f.conv}|${f.receiver}`) ?? [] : [];
    let k = firstAfter(replies, i);
    let lo: number | undefined;
    let hi: number | undefined;
    if (f.end === undefined) hi = replies[k];
    else {
      for (const stop = Math.min(replies.length, k + SCAN_LIMIT); k < stop; k++) {
        const q = flights[replies[k]];
        if (q.ack !== undefined && seqGE(q.ack, f.end)) { hi = replies[k]; break; }
        lo = replies[k];
      }
    }
    const base = lo === undefined ? f.t : flights[lo].t;
    const room = hi === undefined ? Infinity : Math.max(0, flights[hi].t - base) / 2;
    return { t: base + Math.min(f.delay, room), after: lo ?? i };
  });
}

function firstAfter(sorted: readonly number[], i: number): number {
  let a = 0, b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m] <= i) a = m + 1; else b = m;
  }
  return a;
}
