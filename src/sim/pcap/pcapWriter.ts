// Classic libpcap export of simulated packets (https://www.tcpdump.org/manpages/pcap-savefile.5.html):
// little-endian, microsecond timestamps, LINKTYPE_RAW (101) so every record is exactly the IPv4
// packet encodePacket produces. Virtual time 0 is written as the Unix epoch, so Wireshark's
// absolute times read 1970-01-01 00:00:00 + virtual time and relative times equal virtual times.
import type { Packet } from '../net/packet';
import type { TraceRecord } from '../trace/records';
import { encodePacket } from './encode';

export const LINKTYPE_RAW = 101;
export const PCAP_SNAPLEN = 65535;

export interface PcapFrame {
  /** Virtual time in ms. */
  t: number;
  packet: Packet;
}

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;

export function writePcap(frames: ReadonlyArray<PcapFrame>): Uint8Array {
  const bodies = frames.map((f) => encodePacket(f.packet));
  let size = GLOBAL_HEADER;
  for (const b of bodies) size += RECORD_HEADER + b.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true); // version 2.4
  dv.setUint16(6, 4, true);
  dv.setInt32(8, 0, true); // thiszone: UTC
  dv.setUint32(12, 0, true); // sigfigs
  dv.setUint32(16, PCAP_SNAPLEN, true);
  dv.setUint32(20, LINKTYPE_RAW, true);
  let o = GLOBAL_HEADER;
  frames.forEach((f, i) => {
    if (!Number.isFinite(f.t) || f.t < 0) {
      throw new RangeError(`pcap frame ${i} (packet ${f.packet.id}): time ${f.t} ms is not a non-negative number`);
    }
    const micros = Math.round(f.t * 1000);
    const body = bodies[i];
    dv.setUint32(o, Math.floor(micros / 1_000_000), true);
    dv.setUint32(o + 4, micros % 1_000_000, true);
    dv.setUint32(o + 8, body.length, true); // captured length
    dv.setUint32(o + 12, body.length, true); // original length
    out.set(body, o + RECORD_HEADER);
    o += RECORD_HEADER + body.length;
  });
  return out;
}

/**
 * The frames a capture at the hosts' interfaces would see in a trace: every packet once, at its
 * `send` time (what tcpdump on the sender records), or, with `at: 'deliver'`, every delivered
 * copy at its arrival time (a capture on the receivers; dropped packets are absent). Frames are
 * in trace order, which is time order.
 */
export function pcapFramesFromTrace(
  trace: ReadonlyArray<TraceRecord>,
  packets: ReadonlyMap<number, Packet>,
  at: 'send' | 'deliver' = 'send',
): PcapFrame[] {
  const frames: PcapFrame[] = [];
  for (const r of trace) {
    if (r.type !== 'segment' && r.type !== 'datagram' && r.type !== 'icmp') continue;
    if (r.event !== at) continue;
    const packet = packets.get(r.id);
    if (packet) frames.push({ t: r.t, packet });
  }
  return frames;
}
