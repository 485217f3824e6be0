// A packet of the run as the link carries it, byte by byte, for the encapsulation figure:
// data → segment → packet → frame. The IP packet is the simulator's real encoding (encodePacket:
// headers, data, checksums); the simulator has no link layer, so the Ethernet header uses example
// MAC addresses (02:00 followed by the host's IPv4 address: locally administered, one per host,
// the same in every frame) and the FCS is the real CRC-32 of those bytes.
import { encodePacket, packetFields } from '../sim/pcap';
import type { TraceRecord } from '../sim/trace/records';
import type { TraceView } from './traceView';
import type { L10n } from './types';

export type FrameLayer = 'link' | 'network' | 'transport' | 'app' | 'padding' | 'fcs';

export interface FramePart {
  layer: FrameLayer;
  /** Offset of the part in the frame, bytes. */
  offset: number;
  bytes: Uint8Array;
  label: L10n;
  /** Made up rather than simulated: the Ethernet header (example MACs) and the FCS over it. */
  example?: boolean;
  /** For the data: the bytes as text (printable ASCII; \r, \n and \t escaped; anything else as ·). */
  text?: string;
}

export interface Frame {
  /** Index of the packet's `send` record in the trace. */
  record: number;
  proto: 'tcp' | 'udp' | 'icmp';
  srcMac: string;
  dstMac: string;
  /** EtherType of the payload: 0x0800, IPv4. */
  etherType: number;
  /** The whole frame: Ethernet header, IP packet, padding, FCS (no preamble). */
  bytes: Uint8Array;
  /** In frame order: link header, IP header, TCP/UDP/ICMP header, data, padding (if any), FCS. */
  parts: FramePart[];
  sizes: { link: number; ip: number; l4: number; data: number; packet: number; padding: number; fcs: number; frame: number };
  /** Says which bytes are examples. */
  note: L10n;
}

const tx = (en: string, zh: string): L10n => ({ en, 'zh-CN': zh });

export const ETHERTYPE_IPV4 = 0x0800;
/** Ethernet carries at least 46 bytes after its header (a 64-byte frame with the FCS). */
export const ETHERNET_MIN_PAYLOAD = 46;

/** The example MAC address of the host with IPv4 address `ip`: 02:00 and the address's four bytes. */
export function exampleMac(ip: string): string {
  const b = ip.split('.').map(Number);
  if (b.length !== 4 || b.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) throw new RangeError(`not an IPv4 address: ${ip}`);
  return ['02', '00', ...b.map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

const macBytes = (mac: string): number[] => mac.split(':').map((h) => parseInt(h, 16));

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, the Ethernet FCS): reflected polynomial 0xEDB88320, initial and final 0xFFFFFFFF. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Data as text: printable ASCII as is, \r \n \t escaped, other bytes as ·. */
export function dataText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0x0d) s += '\\r';
    else if (b === 0x0a) s += '\\n';
    else if (b === 0x09) s += '\\t';
    else s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
  }
  return s;
}

/** Bytes as hex pairs separated by spaces: "02 00 0a 00". */
export const hexBytes = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

type PacketRecord = Extract<TraceRecord, { type: 'segment' | 'datagram' | 'icmp' }>;

const isSent = (r: TraceRecord): r is PacketRecord => (r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp') && r.event === 'send';

/** The Ethernet frame of the packet whose `send` record is `record`; null when the run has not its bytes. */
export function frameOf(v: TraceView, record: number): Frame | null {
  const r = v.trace[record];
  if (!r || !isSent(r)) return null;
  const p = v.packets.get(r.id);
  if (!p) return null;
  const packet = encodePacket(p);
  const f = packetFields(packet);
  const num = (k: string) => Number(f.find((x) => x.key === k)?.value ?? 0);
  const ip = num('ip.headerLength');
  const total = packet.length;
  const l4 = p.proto === 'tcp' ? num('tcp.dataOffset') : p.proto === 'udp' ? 8 : total - ip;
  const data = total - ip - l4;
  const padding = Math.max(0, ETHERNET_MIN_PAYLOAD - total);
  const srcMac = exampleMac(p.src);
  const dstMac = exampleMac(p.dst);

  const body = new Uint8Array(14 + total + padding);
  body.set([...macBytes(dstMac), ...macBytes(srcMac), ETHERTYPE_IPV4 >> 8, ETHERTYPE_IPV4 & 0xff], 0);
  body.set(packet, 14);
  const fcs = crc32(body);
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body, 0);
  // The FCS goes out least significant byte first: a receiver's CRC over the frame and its FCS
  // then gives the fixed residue 0x2144DF1C.
  bytes.set([fcs & 0xff, (fcs >>> 8) & 0xff, (fcs >>> 16) & 0xff, fcs >>> 24], body.length);

  const l4Name = p.proto === 'tcp' ? 'TCP' : p.proto === 'udp' ? 'UDP' : 'ICMP';
  const part = (layer: FrameLayer, offset: number, length: number, label: L10n, extra: Partial<FramePart> = {}): FramePart =>
    ({ layer, offset, bytes: bytes.subarray(offset, offset + length), label, ...extra });
  const parts: FramePart[] = [
    part('link', 0, 14, tx(
      `Ethernet header: destination MAC ${dstMac}, source MAC ${srcMac} (examples), EtherType 0x0800 = IPv4`,
      `以太网首部：目的 MAC ${dstMac}、源 MAC ${srcMac}（示例）、EtherType 0x0800 = IPv4`,
    ), { example: true }),
    part('network', 14, ip, tx(`IPv4 header, ${ip} bytes: ${p.src} → ${p.dst}, protocol ${num('ip.protocol')} (${l4Name})`, `IPv4 首部，${ip} 字节：${p.src} → ${p.dst}，协议号 ${num('ip.protocol')}（${l4Name}）`)),
    part('transport', 14 + ip, l4, p.proto === 'icmp'
      ? tx(`ICMP message, ${l4} bytes`, `ICMP 报文，${l4} 字节`)
      : tx(`${l4Name} header, ${l4} bytes: port ${num(`${p.proto}.srcPort`)} → ${num(`${p.proto}.dstPort`)}`, `${l4Name} 首部，${l4} 字节：端口 ${num(`${p.proto}.srcPort`)} → ${num(`${p.proto}.dstPort`)}`)),
  ];
  if (data > 0) {
    const d = bytes.subarray(14 + ip + l4, 14 + total);
    parts.push(part('app', 14 + ip + l4, data, tx(`data, ${data} bytes`, `数据，${data} 字节`), { text: dataText(d) }));
  }
  if (padding > 0) {
    parts.push(part('padding', 14 + total, padding, tx(
      `padding, ${padding} bytes: Ethernet carries at least ${ETHERNET_MIN_PAYLOAD} bytes`,
      `填充，${padding} 字节：以太网至少承载 ${ETHERNET_MIN_PAYLOAD} 字节`,
    )));
  }
  parts.push(part('fcs', body.length, 4, tx('FCS: CRC-32 of the frame', 'FCS：整个帧的 CRC-32 校验'), { example: true }));

  return {
    record, proto: p.proto, srcMac, dstMac, etherType: ETHERTYPE_IPV4, bytes, parts,
    sizes: { link: 14, ip, l4, data, packet: total, padding, fcs: 4, frame: bytes.length },
    note: tx(
      'The simulator has no link layer: the MAC addresses are examples (02:00 and the host\'s IPv4 address), and the FCS is computed over them. The IP packet is the simulated one, byte for byte.',
      '模拟器没有链路层：MAC 地址只是示例（02:00 加上主机的 IPv4 地址），FCS 也是按这些字节算出的。IP 分组则是模拟出来的真实字节。',
    ),
  };
}

/** The frame of the last packet sent up to record `last` (what the stage shows at that cursor), or null. */
export function frameAt(v: TraceView, last: number): Frame | null {
  for (let i = Math.min(last, v.trace.length - 1); i >= 0; i--) {
    if (isSent(v.trace[i])) return frameOf(v, i);
  }
  return null;
}
