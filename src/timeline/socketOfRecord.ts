// The socket a trace record is about, for views that point at "the socket of this step".
import type { Timeline } from './createTimeline';

/** The timeline socket a record is about: its own, or for a packet the receiver on delivery, else the sender (-1: none). */
export function socketOfRecord(tl: Timeline, index: number): number {
  const own = tl.recSock[index] ?? -1;
  if (own >= 0) return own;
  const r = tl.trace[index];
  if (!r || (r.type !== 'segment' && r.type !== 'datagram' && r.type !== 'icmp')) return -1;
  const f = tl.flights.find((x) => x.sendRec === index || x.endRec === index);
  if (!f) return -1;
  return r.event === 'deliver' && f.toSock >= 0 ? f.toSock : f.fromSock;
}
