// The simulator's in-memory packet: exactly the header fields a real IPv4 packet carries, so the
// pcap writer can encode the same bytes the inspector shows. Wire encoding lives in src/sim/pcap.

/** TCP control bits as on the wire (RFC 9293 §3.1). */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

export type FlagName = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG';

/** Flag names in the order Wireshark prints them. */
const FLAG_ORDER: ReadonlyArray<[number, FlagName]> = [
  [URG, 'URG'], [ACK, 'ACK'], [PSH, 'PSH'], [RST, 'RST'], [SYN, 'SYN'], [FIN, 'FIN'],
];

const NAMES_CACHE: FlagName[][] = [];

/** Flag names for the control bits, Wireshark's order. The arrays are shared and frozen: a trace
 *  holds one per segment record, so sharing keeps long runs small. */
export function flagNames(bits: number): FlagName[] {
  const key = bits & 0x3f;
  let names = NAMES_CACHE[key];
  if (!names) {
    names = [];
    for (const [bit, name] of FLAG_ORDER) if (key & bit) names.push(name);
    Object.freeze(names);
    NAMES_CACHE[key] = names;
  }
  return names;
}

export function flagBits(names: readonly FlagName[]): number {
  let bits = 0;
  for (const [bit, name] of FLAG_ORDER) if (names.includes(name)) bits |= bit;
  return bits;
}

export type TcpOption =
  | { kind: 'mss'; value: number }
  | { kind: 'wscale'; shift: number }
  | { kind: 'sackPermitted' }
  | { kind: 'timestamps'; value: number; echo: number }
  | { kind: 'nop' };

/** The options of every segment without any, and the payload of every empty one (most ACKs),
 *  shared: a bulk transfer sends tens of thousands of each. Never written to. */
export const NO_OPTIONS: TcpOption[] = Object.freeze([]) as unknown as TcpOption[];
export const NO_BYTES = new Uint8Array(0);

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  /** Absolute sequence number, uint32. */
  seq: number;
  /** Absolute acknowledgment number, uint32 (0 when ACK is not set). */
  ack: number;
  /** Control bits (FIN|SYN|RST|PSH|ACK|URG). */
  flags: number;
  /** The 16-bit window field as sent (before the receiver applies window scaling). */
  window: number;
  urgent: number;
  options: TcpOption[];
  payload: Uint8Array;
}

export interface UdpHeader {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export interface IcmpMessage {
  /** ICMP type/code, e.g. 3/3 = destination (port) unreachable. */
  type: number;
  code: number;
  /** The offending packet, of which the wire form carries the IP header + 8 bytes. */
  original: Packet;
}

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface Packet {
  /** Trace id shared by the send, drop, duplicate and deliver records of this packet. */
  id: number;
  src: string; // dotted IPv4
  dst: string;
  ttl: number;
  /** IPv4 identification field. */
  ipId: number;
  /** Don't Fragment bit (TCP sets it, as Linux does with PMTU discovery). */
  df: boolean;
  proto: Protocol;
  tcp?: TcpHeader;
  udp?: UdpHeader;
  icmp?: IcmpMessage;
}

/** Bytes the packet occupies on the wire at the IP layer (used for serialization delay and MTU). */
export function ipLength(p: Packet): number {
  if (p.tcp) return 20 + tcpHeaderLength(p.tcp) + p.tcp.payload.length;
  if (p.udp) return 20 + 8 + p.udp.payload.length;
  if (p.icmp) return 20 + 8 + Math.min(ipLength(p.icmp.original), 20 + 8);
  return 20;
}

export function tcpOptionsLength(options: readonly TcpOption[]): number {
  if (options.length === 0) return 0; // most segments; NO_OPTIONS is frozen, which for-of handles slowly
  let n = 0;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    switch (o.kind) {
      case 'mss': n += 4; break;
      case 'wscale': n += 3; break;
      case 'sackPermitted': n += 2; break;
      case 'timestamps': n += 10; break;
      case 'nop': n += 1; break;
    }
  }
  return (n + 3) & ~3; // padded to a 32-bit boundary with EOL/NOP
}

export function tcpHeaderLength(h: TcpHeader): number {
  return 20 + tcpOptionsLength(h.options);
}
