// A small hand-made exchange covering every packet shape the encoder writes: handshake with
// options, data, FIN, RST, a UDP datagram and the ICMP port unreachable it provokes.
import { ACK, FIN, PSH, RST, SYN, type Packet, type TcpHeader, type TcpOption } from '../../../src/sim/net/packet';
import { linuxOptionLayout } from '../../../src/sim/pcap/tcpOptions';
import type { PcapFrame } from '../../../src/sim/pcap/pcapWriter';

export const CLIENT = '10.0.0.1';
export const SERVER = '10.0.0.2';
/** ISNs above 2^31 and near 2^32, so signed/unsigned mistakes and wrap-around show. */
export const ISN_C = 0xfffffff8;
export const ISN_S = 0x80000001;
export const text = (s: string) => new TextEncoder().encode(s);

export const SYN_OPTIONS: TcpOption[] = [{ kind: 'mss', value: 1460 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }];
export const SYNACK_OPTIONS: TcpOption[] = linuxOptionLayout([
  { kind: 'mss', value: 1400 }, { kind: 'wscale', shift: 9 }, { kind: 'sackPermitted' },
  { kind: 'timestamps', value: 0xdeadbeef, echo: 0x01020304 },
]);

function tcp(id: number, fromClient: boolean, h: Partial<TcpHeader> & { flags: number }): Packet {
  return {
    id, src: fromClient ? CLIENT : SERVER, dst: fromClient ? SERVER : CLIENT, ttl: 64, ipId: 0x1000 + id, df: true,
    proto: 'tcp',
    tcp: {
      srcPort: fromClient ? 40000 : 80, dstPort: fromClient ? 80 : 40000, seq: 0, ack: 0, window: 502, urgent: 0,
      options: [], payload: new Uint8Array(0), ...h,
    },
  };
}

export function sampleFrames(): PcapFrame[] {
  const udp: Packet = {
    id: 8, src: CLIENT, dst: SERVER, ttl: 64, ipId: 0x2222, df: true, proto: 'udp',
    udp: { srcPort: 40001, dstPort: 9999, payload: text('ping') },
  };
  const icmp: Packet = {
    id: 9, src: SERVER, dst: CLIENT, ttl: 64, ipId: 0x3333, df: false, proto: 'icmp',
    icmp: { type: 3, code: 3, original: udp },
  };
  const c1 = (ISN_C + 1) >>> 0, s1 = (ISN_S + 1) >>> 0;
  return [
    { t: 0, packet: tcp(1, true, { flags: SYN, seq: ISN_C, window: 64240, options: SYN_OPTIONS }) },
    { t: 10, packet: tcp(2, false, { flags: SYN | ACK, seq: ISN_S, ack: c1, window: 65160, options: SYNACK_OPTIONS }) },
    { t: 20, packet: tcp(3, true, { flags: ACK, seq: c1, ack: s1 }) },
    { t: 20.5, packet: tcp(4, true, { flags: PSH | ACK, seq: c1, ack: s1, payload: text('hello, world') }) },
    { t: 30.5, packet: tcp(5, false, { flags: ACK, seq: s1, ack: (c1 + 12) >>> 0, window: 128 }) },
    { t: 31.25, packet: tcp(6, true, { flags: FIN | ACK, seq: (c1 + 12) >>> 0, ack: s1 }) },
    { t: 41.25, packet: tcp(7, false, { flags: RST | ACK, seq: s1, ack: (c1 + 13) >>> 0, window: 0 }) },
    { t: 50, packet: udp },
    { t: 60.001, packet: icmp },
  ];
}
