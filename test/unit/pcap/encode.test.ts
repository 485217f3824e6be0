// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACK, SYN, tcpOptionsLength, type Packet, type TcpOption } from '../../../src/sim/net/packet';
import { encodePacket } from '../../../src/sim/pcap/encode';
import { decodePacket, isDecodeFailure } from '../../../src/sim/pcap/decode';
import { linuxOptionLayout } from '../../../src/sim/pcap/tcpOptions';
import { CLIENT, SERVER, sampleFrames, text } from './samplePackets';

/**
 * Independent checksum check: the one's-complement sum of all 16-bit words including the stored
 * checksum is ≡ 0 (mod 0xffff) exactly when the checksum is right (RFC 1071 §1, item (2)).
 * Modular arithmetic instead of the encoder's carry folding.
 */
function verifies(words: number[]): boolean {
  return words.reduce((a, w) => (a + w) % 0xffff, 0) === 0;
}
function words(b: Uint8Array, start = 0, end = b.length): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i += 2) out.push(b[i] * 256 + (i + 1 < end ? b[i + 1] : 0));
  return out;
}
function pseudo(b: Uint8Array): number[] {
  const ihl = (b[0] & 15) * 4;
  const len = b[2] * 256 + b[3] - ihl;
  return [...words(b, 12, 20), b[9], len];
}
function transportOk(b: Uint8Array): boolean {
  const ihl = (b[0] & 15) * 4;
  return verifies([...pseudo(b), ...words(b, ihl)]);
}
const frame = (i: number) => sampleFrames()[i].packet;
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('encodePacket: IPv4 header', () => {
  it('writes version/IHL, total length, id, DF, TTL, protocol, addresses and a correct checksum', () => {
    const b = encodePacket(frame(0));
    expect(b.length).toBe(20 + 28);
    expect(hexOf(b.subarray(0, 10))).toBe('45 00 00 30 10 01 40 00 40 06');
    expect(Array.from(b.subarray(12, 20))).toEqual([10, 0, 0, 1, 10, 0, 0, 2]);
    expect(verifies(words(b, 0, 20))).toBe(true);
    b[8] = 63; // a changed TTL must break it: the check can fail
    expect(verifies(words(b, 0, 20))).toBe(false);
  });

  it('leaves DF clear when the packet says so', () => {
    const icmp = encodePacket(frame(8));
    expect(icmp[6] & 0x40).toBe(0);
  });
});

describe('encodePacket: TCP', () => {
  it('encodes the SYN header field by field, MSS NOP WS options exactly', () => {
    const b = encodePacket(frame(0)).subarray(20);
    expect(hexOf(b.subarray(0, 4))).toBe('9c 40 00 50'); // 40000 → 80
    expect(hexOf(b.subarray(4, 8))).toBe('ff ff ff f8'); // seq above 2^31, unsigned
    expect(hexOf(b.subarray(8, 12))).toBe('00 00 00 00');
    expect(b[12]).toBe(0x70); // 28-byte header
    expect(b[13]).toBe(SYN);
    expect(hexOf(b.subarray(14, 16))).toBe('fa f0'); // 64240
    expect(hexOf(b.subarray(18, 20))).toBe('00 00');
    expect(hexOf(b.subarray(20, 28))).toBe('02 04 05 b4 01 03 03 07');
  });

  it('lays out SYN-ACK options as Linux does: MSS, SACK-permitted+TS, NOP, WS', () => {
    const b = encodePacket(frame(1)).subarray(20);
    expect(b[12]).toBe(0xa0); // 40-byte header
    expect(b[13]).toBe(SYN | ACK);
    expect(hexOf(b.subarray(20, 40))).toBe('02 04 05 78 04 02 08 0a de ad be ef 01 02 03 04 01 03 03 09');
  });

  it('computes checksums over the pseudo-header, also with an odd payload length', () => {
    for (const f of sampleFrames().filter((x) => x.packet.tcp)) expect(transportOk(encodePacket(f.packet))).toBe(true);
    const odd = { ...frame(3), tcp: { ...frame(3).tcp!, payload: text('hello, world!') } };
    const b = encodePacket(odd);
    expect(b.length % 2).toBe(1);
    expect(transportOk(b)).toBe(true);
    b[b.length - 1] ^= 1;
    expect(transportOk(b)).toBe(false);
  });

  it('puts the payload after the header and pads options without NOPs with EOL', () => {
    const data = encodePacket(frame(3));
    expect(new TextDecoder().decode(data.subarray(40))).toBe('hello, world');
    const p = { ...frame(0), tcp: { ...frame(0).tcp!, options: [{ kind: 'mss', value: 536 }, { kind: 'wscale', shift: 2 }] as TcpOption[] } };
    expect(hexOf(encodePacket(p).subarray(40, 48))).toBe('02 04 02 18 03 03 02 00');
  });

  it('linuxOptionLayout keeps every option combination at tcpOptionsLength and matches Linux byte order', () => {
    const all: TcpOption[] = [{ kind: 'mss', value: 1460 }, { kind: 'wscale', shift: 7 }, { kind: 'sackPermitted' }, { kind: 'timestamps', value: 1, echo: 0 }];
    for (let mask = 0; mask < 16; mask++) {
      const subset = all.filter((_, i) => mask & (1 << i));
      const laid = linuxOptionLayout(subset);
      expect(tcpOptionsLength(laid)).toBe(tcpOptionsLength(subset));
      // Linux never needs EOL padding: the laid-out options fill whole words by themselves.
      const raw = laid.reduce((n, o) => n + ({ mss: 4, wscale: 3, sackPermitted: 2, timestamps: 10, nop: 1 })[o.kind], 0);
      expect(raw % 4).toBe(0);
    }
    const kinds = (o: TcpOption[]) => linuxOptionLayout(o).map((x) => x.kind).join(',');
    expect(kinds([all[0], all[2], all[1]])).toBe('mss,nop,nop,sackPermitted,nop,wscale'); // tcpdump: mss,nop,nop,sackOK,nop,wscale
    expect(kinds(all)).toBe('mss,sackPermitted,timestamps,nop,wscale'); // mss,sackOK,TS,nop,wscale
    expect(kinds([all[3]])).toBe('nop,nop,timestamps');
  });

  it('rejects packets that cannot exist on the wire with a RangeError naming the field', () => {
    expect(() => encodePacket({ ...frame(0), src: '10.0.0.300' })).toThrow(/source address "10.0.0.300"/);
    expect(() => encodePacket({ ...frame(0), tcp: { ...frame(0).tcp!, window: 70000 } })).toThrow(/TCP window 70000/);
    expect(() => encodePacket({ ...frame(0), tcp: undefined })).toThrow(RangeError);
  });
});

describe('encodePacket: UDP and ICMP', () => {
  it('writes the UDP length and a correct checksum', () => {
    const b = encodePacket(frame(7));
    expect(hexOf(b.subarray(20, 26))).toBe('9c 41 27 0f 00 0c');
    expect(transportOk(b)).toBe(true);
  });

  it('sends a computed UDP checksum of 0 as 0xffff (RFC 768)', () => {
    // Pick the 2-byte payload that makes the one's-complement sum 0xffff, i.e. the checksum 0.
    const base: Packet = { ...frame(7), udp: { srcPort: 1, dstPort: 2, payload: new Uint8Array(2) } };
    const zeroSum = words(encodePacket({ ...base, udp: { ...base.udp!, payload: new Uint8Array(2) } }), 20)
      .map((w, i) => (i === 3 ? 0 : w)); // without the checksum word
    const s = [...pseudo(encodePacket(base)), ...zeroSum].reduce((a, w) => (a + w) % 0xffff, 0);
    const w = 0xffff - s;
    const b = encodePacket({ ...base, udp: { ...base.udp!, payload: Uint8Array.of(w >> 8, w & 0xff) } });
    expect(hexOf(b.subarray(26, 28))).toBe('ff ff');
    expect(transportOk(b)).toBe(true);
  });

  it('builds port unreachable: type 3 code 3, zero unused word, quoted IP header + 8 bytes, checksum', () => {
    const b = encodePacket(frame(8));
    expect(b.length).toBe(20 + 8 + 28);
    expect(b[9]).toBe(1);
    expect(hexOf(b.subarray(20, 22))).toBe('03 03');
    expect(hexOf(b.subarray(24, 28))).toBe('00 00 00 00');
    expect(b.subarray(28)).toEqual(encodePacket(frame(7)).subarray(0, 28));
    expect(verifies(words(b, 20))).toBe(true);
  });
});

describe('decodePacket', () => {
  it('is the inverse of encodePacket for the TCP and UDP samples', () => {
    for (const f of sampleFrames().filter((x) => x.packet.proto !== 'icmp')) {
      expect(decodePacket(encodePacket(f.packet), f.packet.id)).toEqual(f.packet);
    }
  });

  it('rebuilds an ICMP error from its quote (unquoted payload zero-filled)', () => {
    const wire = encodePacket(frame(8));
    const p = decodePacket(wire, 9);
    if (isDecodeFailure(p)) throw new Error(p.reason);
    expect(p.icmp).toMatchObject({ type: 3, code: 3, original: { src: CLIENT, dst: SERVER, ipId: 0x2222, proto: 'udp', udp: { srcPort: 40001, dstPort: 9999 } } });
    expect(p.icmp!.original.udp!.payload).toEqual(new Uint8Array(4));
    // Re-encoding gives the same bytes except the quoted UDP checksum (bytes 54-55), which
    // covers payload bytes the quote does not carry. Imported packets keep their wire bytes.
    const again = encodePacket(p);
    expect(again.length).toBe(wire.length);
    const differing = Array.from(again.keys()).filter((i) => again[i] !== wire[i]);
    expect(differing.every((i) => i === 54 || i === 55 || i === 22 || i === 23)).toBe(true); // + ICMP checksum
  });

  it('round-trips random TCP and UDP packets exactly', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const u16 = fc.integer({ min: 0, max: 0xffff });
    const option: fc.Arbitrary<TcpOption> = fc.oneof(
      fc.constant({ kind: 'nop' as const }),
      u16.map((value) => ({ kind: 'mss' as const, value })),
      fc.integer({ min: 0, max: 14 }).map((shift) => ({ kind: 'wscale' as const, shift })),
      fc.constant({ kind: 'sackPermitted' as const }),
      fc.tuple(u32, u32).map(([value, echo]) => ({ kind: 'timestamps' as const, value, echo })),
    );
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
    const packet = fc.record({
      src: ip, dst: ip, ttl: fc.nat(255), ipId: u16, df: fc.boolean(), isTcp: fc.boolean(),
      srcPort: u16, dstPort: u16, seq: u32, ack: u32, flags: fc.nat(0x1ff), window: u16, urgent: u16,
      options: fc.array(option, { maxLength: 6 }).filter((o) => tcpOptionsLength(o) <= 40),
      payload: fc.uint8Array({ maxLength: 64 }),
    }).map((r): Packet => ({
      id: 7, src: r.src, dst: r.dst, ttl: r.ttl, ipId: r.ipId, df: r.df,
      ...(r.isTcp
        ? { proto: 'tcp' as const, tcp: { srcPort: r.srcPort, dstPort: r.dstPort, seq: r.seq, ack: r.ack, flags: r.flags, window: r.window, urgent: r.urgent, options: r.options, payload: r.payload } }
        : { proto: 'udp' as const, udp: { srcPort: r.srcPort, dstPort: r.dstPort, payload: r.payload } }),
    }));
    fc.assert(fc.property(packet, (p) => {
      const b = encodePacket(p);
      expect(transportOk(b)).toBe(true);
      expect(decodePacket(b, 7)).toEqual(p);
    }), { numRuns: 300 });
  });

  it('says why it cannot decode: IPv6, truncation, fragments, other protocols, ping', () => {
    const reason = (b: Uint8Array) => {
      const r = decodePacket(b, 1);
      return isDecodeFailure(r) ? r.reason : 'decoded';
    };
    const syn = encodePacket(frame(0));
    expect(reason(Uint8Array.of(0x60, 0, 0, 0))).toBe('ipv6');
    expect(reason(syn.subarray(0, 30))).toBe('truncated');
    const frag = syn.slice(); frag[6] = 0x20; // MF
    expect(reason(frag)).toBe('fragment');
    const gre = syn.slice(); gre[9] = 47;
    expect(reason(gre)).toBe('protocol');
    const ping = encodePacket(frame(8)); ping[20] = 8; ping[21] = 0;
    expect(reason(ping)).toBe('icmp-type');
    const badOffset = syn.slice(); badOffset[32] = 0x40; // TCP data offset 16 bytes < 20
    expect(reason(badOffset)).toBe('bad-header');
    // A snapped packet decodes with its real payload length when the capture says it was cut.
    const data = encodePacket(frame(3));
    const cut = decodePacket(data.subarray(0, 45), 4, { snapped: true });
    expect(isDecodeFailure(cut) ? cut : cut.tcp!.payload.length).toBe(12);
  });
});
