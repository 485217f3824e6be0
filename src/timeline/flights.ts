// Packet flights: each packet copy from the moment it leaves (or the network duplicates it) to the
// moment it is delivered or dropped. The sequence diagram draws one arrow per flight.
import type { TraceRecord, SegmentRecord, DatagramRecord, IcmpRecord } from '../sim/trace/records';
import type { TimelineStep } from './buildSteps';
import { stepOfRecord } from './buildSteps';
import type { SocketIndex } from './socketRegistry';

export type PacketRecord = SegmentRecord | DatagramRecord | IcmpRecord;
export type Fate = 'deliver' | 'drop' | 'pending';

export interface Flight {
  index: number;
  /** Packet id (shared with the packets map and faults' `drop.id`). */
  id: number;
  /** 0 for the original, ≥1 for a copy the network made. */
  copy: number;
  kind: PacketRecord['type'];
  sendRec: number;
  /** The deliver/drop record, or -1 if the run ended with the packet still travelling. */
  endRec: number;
  fate: Fate;
  sendStep: number;
  /** Step of the end record; Infinity while pending. */
  endStep: number;
  fromSock: number;
  toSock: number;
  fromHost: string;
  toHost: string;
  /** The sender retransmitted this data (RTO, fast retransmit, SYN/SYN-ACK retry). */
  retransmit: boolean;
}

const RETRANSMIT_NOTES = new Set(['rto-retransmit', 'fast-retransmit', 'syn-retransmit', 'synack-retransmit']);

export function isPacketRecord(r: TraceRecord): r is PacketRecord {
  return r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp';
}

export function buildFlights(trace: readonly TraceRecord[], steps: readonly TimelineStep[], socks: SocketIndex): Flight[] {
  const flights: Flight[] = [];
  const open = new Map<string, Flight>();
  for (let i = 0; i < trace.length; i++) {
    const r = trace[i];
    if (!isPacketRecord(r)) continue;
    const copy = r.event === 'duplicate' ? (r.copy ?? 1) : (r.copy ?? 0);
    const key = `${r.type}:${r.id}:${copy}`;
    if (r.event === 'send' || r.event === 'duplicate') {
      const f: Flight = {
        index: flights.length, id: r.id, copy, kind: r.type, sendRec: i, endRec: -1, fate: 'pending',
        sendStep: stepOfRecord(steps, i), endStep: Infinity,
        fromSock: socks.pktFrom[i], toSock: socks.pktTo[i], fromHost: r.from, toHost: r.to,
        retransmit: r.type === 'segment' && r.note !== undefined && RETRANSMIT_NOTES.has(r.note),
      };
      flights.push(f);
      open.set(key, f);
    } else {
      const f = open.get(key);
      if (!f) continue;
      f.endRec = i;
      f.fate = r.event;
      f.endStep = stepOfRecord(steps, i);
      // The receiving socket is best known at delivery (a listener's child may exist by then).
      if (socks.pktTo[i] >= 0) f.toSock = socks.pktTo[i];
      open.delete(key);
    }
  }
  return flights;
}
