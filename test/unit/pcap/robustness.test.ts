// @vitest-environment node
// Whatever bytes a user drops on the page, import answers with a Capture or a CaptureError:
// never an exception, never the reader's internal-error fallback.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ACK, FIN, RST, SYN, type Packet } from '../../../src/sim/net/packet';
import { TCP_STATES, type TraceRecord } from '../../../src/sim/trace/records';
import { captureToTrace } from '../../../src/sim/pcap/captureToTrace';
import { isCaptureError, MAX_CAPTURE_FRAMES, type CaptureError } from '../../../src/sim/pcap/captureError';
import { encodePacket } from '../../../src/sim/pcap/encode';
import { packetFields } from '../../../src/sim/pcap/packetFields';
import { writePcap } from '../../../src/sim/pcap/pcapWriter';
import { readCapture, type Capture } from '../../../src/sim/pcap/readCapture';
import { block, classicPcap, concat, epb, idb, shb } from './captureBuilders';
import { sampleFrames } from './samplePackets';

const fixtures = ['loopback-echo.pcap', 'loopback-echo.pcapng', 'any-echo-nanosec.pcap']
  .map((n) => new Uint8Array(readFileSync(`test/fixtures/${n}`)));

/** Runs the whole import on bytes and checks it ended in a well-formed answer. */
function importAll(bytes: Uint8Array): Capture | CaptureError {
  const r = readCapture(bytes);
  if (isCaptureError(r)) {
    expect(r.code).not.toBe('internal');
    return r;
  }
  expect(r.packets.size).toBeGreaterThan(0);
  for (const p of r.packets.values()) packetFields(p.wire);
  const t = captureToTrace(r);
  checkTrace(t.trace);
  return r;
}

function checkTrace(trace: TraceRecord[]): void {
  const sent = new Map<number, number>();
  trace.forEach((r, i) => {
    expect(Number.isFinite(r.t)).toBe(true);
    if (i > 0) expect(r.t).toBeGreaterThanOrEqual(trace[i - 1].t);
    if (r.type === 'state') {
      expect(TCP_STATES).toContain(r.from);
      expect(TCP_STATES).toContain(r.to);
      expect(r.from).not.toBe(r.to);
    }
    if (r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp') {
      if (r.event === 'send') sent.set(r.id, i);
      else expect(sent.get(r.id)).toBeLessThan(i); // delivered after it was sent
    }
  });
}

const pcapHeaders = [
  classicPcap({ le: true, linktype: 1 }, []), classicPcap({ le: false, nanos: true, linktype: 101 }, []),
  classicPcap({ le: true, linktype: 276 }, []), concat(shb(true), idb(true, 1)), concat(shb(false), idb(false, 113)),
];

describe('capture import never throws', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => { importAll(b); }), { numRuns: 400 });
  });

  it('on a valid file header followed by random bytes', () => {
    fc.assert(fc.property(fc.constantFrom(...pcapHeaders), fc.uint8Array({ maxLength: 3000 }), (h, rest) => {
      importAll(concat(h, rest));
    }), { numRuns: 400 });
  });

  it('on real captures with bytes overwritten and the end cut off', () => {
    const edit = fc.tuple(fc.nat(), fc.nat(255));
    fc.assert(fc.property(fc.constantFrom(...fixtures), fc.array(edit, { maxLength: 12 }), fc.nat(), (file, edits, cut) => {
      const b = file.slice(0, file.length - (cut % 64));
      for (const [at, v] of edits) b[at % b.length] = v;
      importAll(b);
    }), { numRuns: 300 });
  });

  it('on random IPv4 packets in a raw-IP capture', () => {
    const ipish = fc.uint8Array({ minLength: 1, maxLength: 120 }).map((b) => { b[0] = 0x40 | (b[0] & 0x0f); return b; });
    fc.assert(fc.property(fc.array(ipish, { minLength: 1, maxLength: 20 }), (packets) => {
      importAll(classicPcap({ le: true, linktype: 101 }, packets.map((data, i) => ({ sec: i, frac: 0, data }))));
    }), { numRuns: 300 });
  });

  it('on random TCP conversations between two endpoints, keeping the trace well-formed', () => {
    const segment = fc.record({
      fromA: fc.boolean(), flags: fc.constantFrom(SYN, SYN | ACK, ACK, ACK | FIN, FIN, RST, RST | ACK, ACK | 0x08),
      seq: fc.integer({ min: 0, max: 40 }), ack: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 0, max: 3 }),
      gap: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 25 }), (segs) => {
      let t = 0;
      const frames = segs.map((s) => {
        t += s.gap;
        const packet: Packet = {
          id: 0, src: s.fromA ? '10.0.0.1' : '10.0.0.2', dst: s.fromA ? '10.0.0.2' : '10.0.0.1', ttl: 64, ipId: 0, df: true, proto: 'tcp',
          tcp: { srcPort: s.fromA ? 1111 : 80, dstPort: s.fromA ? 80 : 1111, seq: 0xfffffff0 + s.seq, ack: 0xfffffff0 + s.ack, flags: s.flags, window: 10, urgent: 0, options: [], payload: new Uint8Array(s.len) },
        };
        packet.tcp!.seq >>>= 0; packet.tcp!.ack >>>= 0;
        return { t, packet };
      });
      importAll(writePcap(frames));
    }), { numRuns: 300 });
  });
});

describe('handcrafted hostile files', () => {
  const syn = encodePacket(sampleFrames()[0].packet);
  const code = (b: Uint8Array) => { const r = importAll(b); return isCaptureError(r) ? r.code : 'ok'; };

  it('pcapng: huge, zero and odd block lengths, mismatched trailer, caplen beyond the block', () => {
    const hugeShb = shb(true); new DataView(hugeShb.buffer).setUint32(4, 0xfffffffc, true);
    expect(code(hugeShb)).toBe('truncated');
    expect(code(concat(shb(true), new Uint8Array(12)))).toBe('bad-block'); // a zero-length block
    const mismatch = epb(true, 0, 0n, syn); mismatch[mismatch.length - 4] ^= 4;
    expect(code(concat(shb(true), idb(true, 101), mismatch))).toBe('bad-block');
    const overlong = epb(true, 0, 0n, syn); new DataView(overlong.buffer).setUint32(20, 4000, true);
    expect(code(concat(shb(true), idb(true, 101), overlong))).toBe('bad-block');
    const v2 = shb(true); v2[12] = 2;
    expect(code(v2)).toBe('unsupported-version');
  });

  it('pcapng: interface options running past the block, extreme timestamp resolutions', () => {
    const badOpt = block(true, 1, concat(Uint8Array.of(101, 0, 0, 0, 0, 0, 0, 0), Uint8Array.of(9, 0, 0xff, 0x7f)));
    expect(code(concat(shb(true), badOpt, epb(true, 0, 5n, syn)))).toBe('ok');
    for (const tsresol of [0x7f, 0xff, 0]) {
      const r = readCapture(concat(shb(true), idb(true, 101, { tsresol }), epb(true, 0, 0xffffffffffffffffn, syn), epb(true, 0, 1n, syn)));
      if (isCaptureError(r)) throw new Error(r.code);
      expect(r.frames.every((f) => Number.isFinite(f.t) && f.t >= 0)).toBe(true);
    }
  });

  it('classic: absurd record lengths, snaplen larger than the file, packets longer than captured', () => {
    const rec = classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: syn }]);
    const absurd = rec.slice(); new DataView(absurd.buffer).setUint32(24 + 8, 0xffffffff, true);
    expect(code(absurd)).toBe('bad-record');
    const cut = rec.slice(); new DataView(cut.buffer).setUint32(24 + 8, 200_000, true);
    expect(code(cut)).toBe('truncated');
    expect(code(classicPcap({ le: true, linktype: 101, snaplen: 0xffffffff }, [{ sec: 0, frac: 0, data: syn }]))).toBe('ok');
    const lying = syn.slice(); lying[2] = 0xff; lying[3] = 0xff; // total length 65535, 48 bytes present
    expect(code(classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: lying }]))).toBe('no-supported-packets');
    expect(code(classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 2_000_000_000, data: syn }]))).toBe('ok');
  });

  it('stops at the frame limit with a clear error instead of exhausting memory', () => {
    const recs = Array.from({ length: MAX_CAPTURE_FRAMES + 1 }, () => ({ sec: 0, frac: 0, data: new Uint8Array(0) }));
    expect(err(readCapture(classicPcap({ le: true, linktype: 101 }, recs)))).toEqual({ kind: 'capture-error', code: 'too-many-frames', params: { limit: MAX_CAPTURE_FRAMES } });
  });

  it('skips an ICMP error quoting an ICMP message and garbage TCP options', () => {
    const inner = encodePacket(sampleFrames()[8].packet);
    const nested = inner.slice(); nested.set(inner.subarray(0, 28), 28); // quote an ICMP header
    const opts = encodePacket({ ...sampleFrames()[0].packet, tcp: { ...sampleFrames()[0].packet.tcp!, options: [{ kind: 'mss', value: 1 }, { kind: 'mss', value: 2 }] } });
    opts.set([0xfe, 0x00, 0x05, 0xff], 40); // kind 254 with length 0
    const r = readCapture(classicPcap({ le: true, linktype: 101 }, [nested, opts].map((data) => ({ sec: 0, frac: 0, data }))));
    if (isCaptureError(r)) throw new Error(r.code);
    expect(r.skipped).toEqual({ 'icmp-type': 1 });
    expect(r.packets.get(2)!.tcp!.options).toEqual([]);
  });
});

function err(r: Capture | CaptureError): CaptureError {
  if (!isCaptureError(r)) throw new Error('expected an error');
  return r;
}
