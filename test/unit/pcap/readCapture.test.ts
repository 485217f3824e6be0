// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { encodePacket, type CapturedPacket } from '../../../src/sim/pcap/encode';
import { writePcap } from '../../../src/sim/pcap/pcapWriter';
import { readCapture, type Capture } from '../../../src/sim/pcap/readCapture';
import { isCaptureError, MAX_CAPTURE_BYTES, type CaptureError } from '../../../src/sim/pcap/captureError';
import { block, classicPcap, concat, epb, idb, link, opb, shb, spb } from './captureBuilders';
import { sampleFrames } from './samplePackets';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const FIXTURES = ['loopback-echo.pcap', 'loopback-echo.pcapng', 'any-echo-nanosec.pcap'];

function ok(r: Capture | CaptureError): Capture {
  if (isCaptureError(r)) throw new Error(`capture error ${r.code} ${JSON.stringify(r.params)}`);
  return r;
}
function err(r: Capture | CaptureError): CaptureError {
  if (!isCaptureError(r)) throw new Error('expected a capture error');
  return r;
}
const strip = (p: CapturedPacket) => {
  const { wire: _w, snapped: _s, ...rest } = p;
  return rest;
};
const syn = () => encodePacket(sampleFrames()[0].packet);

describe('readCapture on real loopback captures', () => {
  const fields = ['frame.time_relative', 'ip.id', 'ip.len', 'ip.checksum', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'udp.length', 'icmp.type'];

  it.each(FIXTURES)('%s: every frame decodes to the values tshark reads', (name) => {
    const cap = ok(readCapture(fixture(name)));
    const r = spawnSync('tshark', ['-r', `test/fixtures/${name}`, '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('|'));
    expect(cap.frames).toHaveLength(rows.length);
    expect(cap.packets.size).toBe(rows.length);
    expect(cap.skipped).toEqual({});
    expect(cap.warnings).toEqual([]);
    rows.forEach(([t, ipId, ipLen, ipSum, sp, dp, seq, ack, tcpLen, udpLen, icmpType], i) => {
      const frame = cap.frames[i];
      const p = cap.packets.get(frame.n)!;
      expect(frame.n).toBe(i + 1);
      expect(frame.t).toBeCloseTo(Number(t) * 1000, 6);
      expect(p.ipId).toBe(Number(ipId));
      expect(p.wire.length).toBe(Number(ipLen));
      expect((p.wire[10] << 8) | p.wire[11]).toBe(Number(ipSum));
      if (p.tcp) {
        expect([p.tcp.srcPort, p.tcp.dstPort, p.tcp.seq, p.tcp.ack, p.tcp.payload.length]).toEqual([sp, dp, seq, ack, tcpLen].map(Number));
      } else if (p.udp) {
        expect(p.udp.payload.length + 8).toBe(Number(udpLen));
      } else {
        expect(p.icmp!.type).toBe(Number(icmpType));
      }
    });
  });

  it('reads the link type and precision of each file', () => {
    expect(ok(readCapture(fixture('loopback-echo.pcap')))).toMatchObject({ format: 'pcap', interfaces: [{ linktype: 1 }] });
    expect(ok(readCapture(fixture('loopback-echo.pcapng')))).toMatchObject({ format: 'pcapng', interfaces: [{ linktype: 1, name: 'lo' }] });
    const ns = ok(readCapture(fixture('any-echo-nanosec.pcap')));
    expect(ns).toMatchObject({ format: 'pcap-nsec', interfaces: [{ linktype: 276 }] });
    expect(ns.frames.some((f) => f.nsec % 1000 !== 0)).toBe(true); // nanosecond digits survive
  });

  it('links the ICMP error to the datagram it quotes, which Linux quotes in full', () => {
    const cap = ok(readCapture(fixture('loopback-echo.pcap')));
    const icmp = [...cap.packets.values()].find((p) => p.icmp)!;
    const quoted = cap.packets.get(icmp.icmp!.original.id)!;
    expect(quoted.udp!.dstPort).toBe(47003);
    expect(icmp.icmp!.original.udp!.payload).toEqual(quoted.udp!.payload); // the quote carried all 7 bytes
  });
});

describe('readCapture round trip with writePcap', () => {
  it('gives back the same packets at the same times', () => {
    const frames = sampleFrames();
    const cap = ok(readCapture(writePcap(frames)));
    expect(cap.frames.map((f) => f.t)).toEqual(frames.map((f) => f.t));
    frames.forEach((f, i) => {
      const p = cap.packets.get(i + 1)!;
      expect(p.wire).toEqual(encodePacket(f.packet));
      if (f.packet.proto === 'icmp') {
        expect(p.icmp!.original.id).toBe(f.packet.icmp!.original.id); // linked to the captured datagram
        expect(p.icmp!.original.udp!.srcPort).toBe(f.packet.icmp!.original.udp!.srcPort);
      } else {
        expect(strip(p)).toEqual({ ...f.packet, id: i + 1 });
      }
    });
  });
});

describe('readCapture link types, byte orders and precisions', () => {
  const linked: Array<[string, number, (ip: Uint8Array) => Uint8Array]> = [
    ['Ethernet', 1, (ip) => link.ethernet(ip)],
    ['Ethernet + 802.1Q', 1, (ip) => link.ethernet(ip, true)],
    ['RAW', 101, (ip) => ip], ['DLT_RAW 12', 12, (ip) => ip], ['DLT_RAW 14', 14, (ip) => ip], ['IPV4', 228, (ip) => ip],
    ['Linux SLL', 113, link.sll], ['Linux SLL2', 276, link.sll2],
    ['BSD NULL little-endian', 0, link.nullLE], ['BSD NULL big-endian', 0, link.nullBE], ['LOOP', 108, link.nullBE],
  ];
  it.each(linked)('%s', (_name, linktype, wrap) => {
    const cap = ok(readCapture(classicPcap({ le: true, linktype }, [{ sec: 1, frac: 0, data: wrap(syn()) }])));
    expect(strip(cap.packets.get(1)!)).toEqual({ ...sampleFrames()[0].packet, id: 1 });
    expect(cap.packets.get(1)!.wire).toEqual(syn());
  });

  it('reads big-endian and nanosecond classic files with the same times', () => {
    const recs = [{ sec: 1_700_000_000, frac: 5, data: syn() }, { sec: 1_700_000_001, frac: 250_000, data: syn() }];
    for (const le of [true, false]) {
      const us = ok(readCapture(classicPcap({ le, linktype: 101 }, recs)));
      expect(us.frames[0].t).toBe(0);
      expect(us.frames[1].t).toBeCloseTo(1249.995, 9); // 1 s + 249 995 µs
      const ns = ok(readCapture(classicPcap({ le, nanos: true, linktype: 101 }, recs)));
      expect(ns.frames[1].t).toBeCloseTo(1000.249995, 9); // 1 s + 249 995 ns
    }
  });

  it('decodes a snapped packet with its real length and warns', () => {
    const data = encodePacket(sampleFrames()[3].packet); // 12 bytes of payload
    const cap = ok(readCapture(classicPcap({ le: true, linktype: 101, snaplen: 44 }, [{ sec: 0, frac: 0, data: data.subarray(0, 44), origlen: data.length }])));
    const p = cap.packets.get(1)!;
    expect(p.snapped).toBe(true);
    expect(p.wire).toHaveLength(44);
    expect(p.tcp!.payload).toEqual(Uint8Array.of(...data.subarray(40, 44), 0, 0, 0, 0, 0, 0, 0, 0));
    expect(cap.warnings).toEqual([{ code: 'snapped', params: { packets: 1 } }]);
  });

  it('counts what it skips: IPv6, ARP, ping, fragments', () => {
    const v6 = concat(Uint8Array.of(0x60), new Uint8Array(39));
    const ping = encodePacket(sampleFrames()[8].packet); ping[20] = 8;
    const frag = syn(); frag[6] |= 0x20;
    const arp = concat(new Uint8Array(12), Uint8Array.of(0x08, 0x06), new Uint8Array(28));
    const eth = (ip: Uint8Array) => link.ethernet(ip);
    const cap = ok(readCapture(classicPcap({ le: true, linktype: 1 }, [v6, arp, ping, frag, syn()].map((d, i) => ({ sec: i, frac: 0, data: d === arp ? arp : eth(d) })))));
    expect(cap.skipped).toEqual({ 'ipv6': 1, 'not-ip': 1, 'icmp-type': 1, 'fragment': 1 });
    expect(cap.frames.map((f) => f.skipped)).toEqual(['ipv6', 'not-ip', 'icmp-type', 'fragment', undefined]);
    expect([...cap.packets.keys()]).toEqual([5]);
  });
});

describe('readCapture pcapng', () => {
  it.each([true, false])('little-endian=%s: interfaces, if_tsresol, if_tsoffset, EPB/SPB/OPB, unknown blocks', (le) => {
    const file = concat(
      shb(le),
      idb(le, 1, { name: 'eth0' }), // default resolution: microseconds
      idb(le, 101, { tsresol: 9, tsoffset: 100n }), // nanoseconds, 100 s offset
      idb(le, 113, { tsresol: 0x80 | 10 }), // 2^-10 s
      epb(le, 0, 1_000_000n, link.ethernet(syn())), // t = 1 s
      block(le, 0x0bad, Uint8Array.of(1, 2, 3, 4)), // a custom block to skip
      epb(le, 1, 2_000_000_500n, syn()), // 2 s + 500 ns, + 100 s offset
      epb(le, 2, 2048n, link.sll(syn())), // 2 s
      spb(le, link.ethernet(syn())), // no timestamp: the previous frame's
      opb(le, 1, 3_000_000_000n, syn()), // 3 s + 100 s offset
      epb(le, 7, 0n, syn()), // no interface 7: skipped, keeps the previous time
    );
    const cap = ok(readCapture(file));
    expect(cap.interfaces.map((i) => i.linktype)).toEqual([1, 101, 113]);
    expect(cap.interfaces[0].name).toBe('eth0');
    expect(cap.frames.map((f) => [f.sec, f.nsec, f.iface])).toEqual([
      [1, 0, 0], [102, 500, 1], [2, 0, 2], [2, 0, 0], [103, 0, 1], [103, 0, -1],
    ]);
    expect(cap.packets.size).toBe(5);
    expect(cap.frames[5].skipped).toBe('no-interface');
    expect(cap.frames.map((f) => f.t)).toEqual([0, 101_000.0005, 1000, 1000, 102_000, 102_000]);
  });

  it('resets interfaces at a new section, which may switch byte order', () => {
    const file = concat(shb(true), idb(true, 1), epb(true, 0, 5n, link.ethernet(syn())),
      shb(false), idb(false, 101), epb(false, 0, 7n, syn()));
    const cap = ok(readCapture(file));
    expect(cap.interfaces.map((i) => i.linktype)).toEqual([1, 101]);
    expect(cap.frames.map((f) => f.iface)).toEqual([0, 1]);
    expect(cap.packets.size).toBe(2);
  });

  it('keeps the frames before a damaged block and says where it stopped', () => {
    const good = concat(shb(true), idb(true, 101), epb(true, 0, 1n, syn()));
    const huge = concat(good, Uint8Array.of(6, 0, 0, 0, 0xfc, 0xff, 0xff, 0x7f, 0, 0, 0, 0));
    const cap = ok(readCapture(huge));
    expect(cap.packets.size).toBe(1);
    expect(cap.warnings).toEqual([{ code: 'truncated', params: { offset: good.length } }]);
    const odd = concat(good, Uint8Array.of(6, 0, 0, 0, 0x13, 0, 0, 0), new Uint8Array(16));
    expect(ok(readCapture(odd)).warnings).toEqual([{ code: 'bad-block', params: { offset: good.length, length: 0x13 } }]);
  });
});

describe('readCapture errors', () => {
  const code = (b: Uint8Array) => err(readCapture(b)).code;
  it('names each problem with a code and params', () => {
    expect(code(new Uint8Array(0))).toBe('empty');
    expect(err(readCapture(new TextEncoder().encode('hello world')))).toEqual({ kind: 'capture-error', code: 'bad-magic', params: { magic: '0x6c6c6568' } });
    expect(err(readCapture(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0)))).toMatchObject({ code: 'compressed', params: { format: 'gzip' } });
    expect(err(readCapture(Uint8Array.of(0x34, 0xcd, 0xb2, 0xa1, 2, 0, 4, 0)))).toMatchObject({ code: 'unsupported-format', params: { format: 'modified-pcap' } });
    const v3 = classicPcap({ le: true, linktype: 1 }, []); v3[4] = 3;
    expect(err(readCapture(v3))).toMatchObject({ code: 'unsupported-version', params: { major: 3 } });
    expect(code(classicPcap({ le: true, linktype: 1 }, []))).toBe('no-frames');
    expect(code(classicPcap({ le: true, linktype: 1 }, []).subarray(0, 20))).toBe('truncated');
    expect(err(readCapture(classicPcap({ le: true, linktype: 105 }, [{ sec: 0, frac: 0, data: syn() }])))).toMatchObject({ code: 'unsupported-linktype', params: { linktype: '105' } });
    expect(err(readCapture(classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: Uint8Array.of(0x60, 0, 0, 0) }])))).toMatchObject({ code: 'no-supported-packets', params: { frames: 1, ipv6: 1 } });
    expect(err(readCapture(new Uint8Array(MAX_CAPTURE_BYTES + 1)))).toMatchObject({ code: 'too-large', params: { limit: MAX_CAPTURE_BYTES } });
  });

  it('keeps the records before a truncated one, and fails when the first one is cut', () => {
    const file = classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: syn() }, { sec: 1, frac: 0, data: syn() }]);
    const cap = ok(readCapture(file.subarray(0, file.length - 5)));
    expect(cap.packets.size).toBe(1);
    expect(cap.warnings).toEqual([{ code: 'truncated', params: { offset: 24 + 16 + syn().length } }]);
    expect(err(readCapture(file.subarray(0, 24 + 16 + 10)))).toEqual({ kind: 'capture-error', code: 'truncated', params: { offset: 24 } });
  });
});
