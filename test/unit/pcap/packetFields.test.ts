// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { encodePacket, packetBytes } from '../../../src/sim/pcap/encode';
import { packetFields, type PacketField } from '../../../src/sim/pcap/packetFields';
import { readCapture } from '../../../src/sim/pcap/readCapture';
import { isCaptureError } from '../../../src/sim/pcap/captureError';
import { ISN_C, sampleFrames } from './samplePackets';

const byKey = (fields: PacketField[], layer?: string) =>
  Object.fromEntries(fields.filter((f) => !layer || f.layer === layer).map((f) => [f.key, f]));

describe('packetFields', () => {
  it('maps every SYN header field to its bytes', () => {
    const f = byKey(packetFields(encodePacket(sampleFrames()[0].packet)));
    const span = (k: string) => [f[k].offset, f[k].length, f[k].value];
    expect(span('ip.version')).toEqual([0, 1, 4]);
    expect(f['ip.version'].mask).toBe(0xf0);
    expect(span('ip.headerLength')).toEqual([0, 1, 20]);
    expect(span('ip.totalLength')).toEqual([2, 2, 48]);
    expect(span('ip.identification')).toEqual([4, 2, 0x1001]);
    expect(f['ip.flags'].text).toBe('DF');
    expect(span('ip.ttl')).toEqual([8, 1, 64]);
    expect(f['ip.protocol'].text).toBe('TCP');
    expect(f['ip.checksum'].checksum).toBe('good');
    expect(span('ip.src')).toEqual([12, 4, '10.0.0.1']);
    expect(span('tcp.srcPort')).toEqual([20, 2, 40000]);
    expect(span('tcp.seq')).toEqual([24, 4, ISN_C]);
    expect(span('tcp.dataOffset')).toEqual([32, 1, 28]);
    expect([f['tcp.flags'].offset, f['tcp.flags'].length, f['tcp.flags'].text]).toEqual([32, 2, 'SYN']);
    expect(span('tcp.window')).toEqual([34, 2, 64240]);
    expect(f['tcp.checksum'].checksum).toBe('good');
    expect(span('tcp.option.mss')).toEqual([40, 4, 1460]);
    expect(span('tcp.option.nop')).toEqual([44, 1, 1]);
    expect(span('tcp.option.wscale')).toEqual([45, 3, 7]);
  });

  it('covers every byte of every sample packet, payload included', () => {
    for (const { packet } of sampleFrames()) {
      const bytes = packetBytes(packet);
      const covered = new Uint8Array(bytes.length);
      for (const f of packetFields(bytes)) covered.fill(1, f.offset, f.offset + f.length);
      expect(Array.from(covered).every((c) => c === 1)).toBe(true);
    }
  });

  it('shows the quoted datagram inside an ICMP error as its own layers', () => {
    const fields = packetFields(encodePacket(sampleFrames()[8].packet));
    expect(byKey(fields, 'icmp')['icmp.checksum'].checksum).toBe('good');
    const quotedIp = byKey(fields, 'quoted-ip');
    expect([quotedIp['ip.identification'].offset, quotedIp['ip.identification'].value]).toEqual([32, 0x2222]);
    expect(byKey(fields, 'quoted-udp')['udp.dstPort']).toMatchObject({ offset: 50, value: 9999 });
    expect(byKey(fields, 'quoted-udp')['udp.checksum'].checksum).toBe('unverified');
  });

  it('reports offloaded (partial) checksums in a loopback capture, good ones where the kernel finished them, bad after a change', () => {
    const cap = readCapture(new Uint8Array(readFileSync('test/fixtures/loopback-echo.pcap')));
    if (isCaptureError(cap)) throw new Error(cap.code);
    const status = [...cap.packets.values()].map((p) => {
      const f = byKey(packetFields(p.wire), p.proto);
      return `${p.proto}:${f[`${p.proto}.checksum`].checksum}`;
    });
    // Sent by a socket: partial (tcpdump says "incorrect"); the RST and the ICMP error are made
    // by the kernel itself, which computes them in full.
    expect(status.filter((s) => s === 'tcp:partial')).toHaveLength(13);
    expect(status.filter((s) => s === 'udp:partial')).toHaveLength(3);
    expect(status.filter((s) => s === 'tcp:good')).toHaveLength(1);
    expect(status.filter((s) => s === 'icmp:good')).toHaveLength(1);
    const broken = encodePacket(sampleFrames()[3].packet);
    broken[broken.length - 1] ^= 0x10;
    expect(byKey(packetFields(broken))['tcp.checksum'].checksum).toBe('bad');
    expect(byKey(packetFields(broken.subarray(0, 45)))['tcp.checksum'].checksum).toBe('unverified');
  });

  it('lists SACK blocks and unknown options by their bytes', () => {
    const b = encodePacket({ ...sampleFrames()[2].packet, tcp: { ...sampleFrames()[2].packet.tcp!, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'mss', value: 0 }, { kind: 'mss', value: 0 }, { kind: 'mss', value: 0 }] } });
    b.set([5, 10, 0, 0, 0, 1, 0, 0, 0, 9, 30, 2], 42); // SACK 1-9, then MPTCP kind 30
    const f = byKey(packetFields(b));
    expect(f['tcp.option.sack']).toMatchObject({ offset: 42, length: 10, value: '1-9' });
    expect(f['tcp.option.other']).toMatchObject({ offset: 52, length: 2, value: 30 });
  });

  it('never throws and never points outside the bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (b, v4) => {
      if (v4 && b.length) b[0] = 0x45;
      for (const f of packetFields(b)) {
        expect(f.offset).toBeGreaterThanOrEqual(0);
        expect(f.offset + f.length).toBeLessThanOrEqual(b.length);
      }
    }), { numRuns: 500 });
  });
});
