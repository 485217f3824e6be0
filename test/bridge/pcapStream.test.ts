// The small pcap stream reader used by --capture: link types, byte orders, timestamp precisions,
// and records split anywhere across chunks (as a pipe delivers them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PcapStreamParser } from '../../src/bridge/pcapStream';

function tcp(opts: { sport: number; dport: number; seq: number; ack: number; flags: number; win: number; options?: number[]; payload?: number }): number[] {
  const o = opts.options ?? [];
  const hl = 20 + o.length;
  const h = new Array(hl).fill(0);
  h[0] = opts.sport >> 8; h[1] = opts.sport & 255; h[2] = opts.dport >> 8; h[3] = opts.dport & 255;
  for (let i = 0; i < 4; i++) { h[4 + i] = (opts.seq >>> (24 - 8 * i)) & 255; h[8 + i] = (opts.ack >>> (24 - 8 * i)) & 255; }
  h[12] = (hl / 4) << 4; h[13] = opts.flags; h[14] = opts.win >> 8; h[15] = opts.win & 255;
  o.forEach((b, i) => { h[20 + i] = b; });
  return h;
}
function ipv4(src: number[], dst: number[], seg: number[], payload: number): number[] {
  const total = 20 + seg.length + payload;
  return [0x45, 0, total >> 8, total & 255, 0, 0, 0x40, 0, 64, 6, 0, 0, ...src, ...dst, ...seg];
}
function ipv6(seg: number[], payload: number): number[] {
  const len = seg.length + payload;
  const lo = [...new Array(15).fill(0), 1];
  return [0x60, 0, 0, 0, len >> 8, len & 255, 6, 64, ...lo, ...lo, ...seg];
}
function pcap(link: number, packets: number[][], be = false, nanos = false): Uint8Array {
  const out: number[] = [];
  const u32 = (v: number) => (be ? [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255] : [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24]);
  const u16 = (v: number) => (be ? [v >> 8, v & 255] : [v & 255, v >> 8]);
  out.push(...u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4), ...u16(2), ...u16(4), ...u32(0), ...u32(0), ...u32(65535), ...u32(link));
  packets.forEach((p, i) => out.push(...u32(1700000000 + i), ...u32(nanos ? 500_000_000 : 500_000), ...u32(p.length), ...u32(p.length + 100), ...p));
  return Uint8Array.from(out);
}

const SYN = tcp({ sport: 40000, dport: 7, seq: 0xfffffff0, ack: 0, flags: 0x02, win: 65495, options: [2, 4, 0xff, 0xd7, 4, 2, 1, 3, 3, 7, 0, 0] });
const DATA = tcp({ sport: 7, dport: 40000, seq: 10, ack: 0xfffffff1, flags: 0x18, win: 512 });
const eth = (ip: number[]) => [...new Array(12).fill(0), 0x08, 0x00, ...ip];

describe('PcapStreamParser', () => {
  it('reads Ethernet/IPv4 segments: flags, seq, ack, window, options and the wire length', () => {
    const file = pcap(1, [eth(ipv4([127, 0, 0, 1], [127, 0, 0, 2], SYN, 0)), eth(ipv4([127, 0, 0, 2], [127, 0, 0, 1], DATA, 5))]);
    const segs = new PcapStreamParser().push(file);
    expect(segs).toHaveLength(2);
    expect(segs[0]).toMatchObject({ src: '127.0.0.1:40000', dst: '127.0.0.2:7', flags: ['SYN'], seq: 0xfffffff0, ack: 0, win: 65495, len: 0, opts: { mss: 65495, sackPermitted: true, wscale: 7 } });
    expect(segs[1]).toMatchObject({ flags: ['ACK', 'PSH'], seq: 10, ack: 0xfffffff1, len: 5, win: 512 });
    expect(segs[0].wallMs).toBe(1700000000500);
  });

  it('reads Linux SLL, raw IPv6, big-endian files and nanosecond timestamps', () => {
    const sll = [0, 0, 0, 1, 0, 6, ...new Array(8).fill(0), 0x08, 0x00, ...ipv4([10, 0, 0, 1], [10, 0, 0, 2], DATA, 0)];
    expect(new PcapStreamParser().push(pcap(113, [sll]))[0]).toMatchObject({ src: '10.0.0.1:7' });
    const raw6 = new PcapStreamParser().push(pcap(101, [ipv6(SYN, 0)], true, true));
    expect(raw6[0]).toMatchObject({ src: '[::1]:40000', dst: '[::1]:7', flags: ['SYN'] });
    expect(raw6[0].wallMs).toBe(1700000000500);
  });

  it('gives the same segments however the stream is split into chunks', () => {
    const file = pcap(1, [eth(ipv4([127, 0, 0, 1], [127, 0, 0, 2], SYN, 0)), eth(ipv4([127, 0, 0, 2], [127, 0, 0, 1], DATA, 5))]);
    const whole = new PcapStreamParser().push(file);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: file.length - 1 }), { maxLength: 8 }), (cuts) => {
      const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), file.length];
      const p = new PcapStreamParser();
      const got = [];
      for (let i = 1; i < points.length; i++) got.push(...p.push(file.subarray(points[i - 1], points[i])));
      expect(got).toEqual(whole);
    }));
  });

  it('stops on input that is not a pcap stream, without throwing', () => {
    const p = new PcapStreamParser();
    expect(p.push(new TextEncoder().encode('tcpdump: permission denied........'))).toEqual([]);
    expect(p.error).toMatch(/not a libpcap/);
  });
});
