// How long an imported packet is shown in flight. A capture records each packet once, at the
// capture point, so the one-way delay is estimated: half the handshake round trip (SYN → the
// third segment, which is the RTT wherever the capture point sits on the path), bounded, and
// per packet never so long that the receiver would answer before the packet arrived.
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
}

/**
 * The delay of each packet (same order as `flights`, which is time order): its conversation's
 * delay, cut to half the gap before the receiver's next packet in that conversation, so that
 * packet is not sent before this one arrives. Deliveries stay in order per direction because
 * t + min(d, (next − t)/2) never decreases as t grows towards the same `next`.
 */
export function deliveryDelays(flights: readonly Flight[]): number[] {
  const out = new Array<number>(flights.length);
  const nextSend = new Map<string, number>();
  for (let i = flights.length - 1; i >= 0; i--) {
    const f = flights[i];
    const group = f.conv >= 0 ? `${f.conv}` : `x${i}`;
    const next = nextSend.get(`${group}|${f.receiver}`);
    out[i] = next === undefined ? f.delay : Math.min(f.delay, Math.max(0, next - f.t) / 2);
    nextSend.set(`${group}|${f.sender}`, f.t);
  }
  return out;
}
