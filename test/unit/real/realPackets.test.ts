// @vitest-environment node
// A real session's packets are rebuilt from its trace: header fields from the capture, payload
// from the bytes the page sent and received (located by rseq), the window unscaled again — so the
// inspector shows true bytes and the pcap export reads back as the same conversation.
import { describe, expect, it } from 'vitest';
import { packetsFromRealTrace } from '../../../src/real/realPackets';
import { encodePacket, importCapture, isCaptureError, packetFields, pcapFramesFromTrace, writePcap } from '../../../src/sim/pcap';
import type { SegmentRecord } from '../../../src/sim/trace/records';
import { ISN_LOCAL, ISN_PEER, realEchoTrace } from '../../fixtures/realSessionTrace';

const sends = (trace: ReturnType<typeof realEchoTrace>) => trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === 'send');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('packets of a real session', () => {
  it('carry the bytes each data segment carried, found by its relative sequence number', () => {
    const trace = realEchoTrace();
    const packets = packetsFromRealTrace(trace);
    const segs = sends(trace);
    expect(packets.size).toBe(segs.length);
    const data = segs.filter((s) => s.len > 0);
    expect(data).toHaveLength(2);
    for (const s of data) expect(text(packets.get(s.id)!.tcp!.payload)).toBe('hello');
    for (const s of segs.filter((x) => x.len === 0)) expect(packets.get(s.id)!.tcp!.payload).toHaveLength(0);
  });

  it('keep absolute numbers, flags, SYN options in Linux order, and the window as sent (unscaled)', () => {
    const trace = realEchoTrace();
    const packets = packetsFromRealTrace(trace);
    const [syn, synAck, ack] = sends(trace);
    const p = packets.get(syn.id)!;
    expect(p).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1', proto: 'tcp' });
    expect(p.tcp).toMatchObject({ srcPort: 40000, dstPort: 7, seq: ISN_LOCAL, ack: 0, window: 65495 });
    expect(p.tcp!.options.map((o) => o.kind)).toEqual(['mss', 'nop', 'nop', 'sackPermitted', 'nop', 'wscale']);
    expect(packets.get(synAck.id)!.tcp).toMatchObject({ seq: ISN_PEER, ack: (ISN_LOCAL + 1) >>> 0, flags: 0x12 });
    // The record holds 512 << 7 (both SYNs offered scaling); the header holds 512.
    expect(ack.win).toBe(512 * 128);
    expect(packets.get(ack.id)!.tcp!.window).toBe(512);
    const fields = packetFields(encodePacket(packets.get(ack.id)!));
    expect(fields.find((f) => f.key === 'tcp.window')?.value).toBe(512);
  });

  it('export as a pcap that imports back as the same conversation', () => {
    const trace = realEchoTrace();
    const bytes = writePcap(pcapFramesFromTrace(trace, packetsFromRealTrace(trace)));
    const back = importCapture(bytes);
    if (isCaptureError(back)) throw new Error(back.code);
    const orig = sends(trace);
    const got = back.trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === 'send');
    expect(got.map((s) => [s.flags.join(), s.seq, s.ack, s.len, s.rseq, s.rack])).toEqual(orig.map((s) => [s.flags.join(), s.seq, s.ack, s.len, s.rseq, s.rack]));
    const states = back.trace.filter((r) => r.type === 'state').map((r) => (r as { to: string }).to);
    expect(states).toContain('ESTABLISHED');
    expect(states).toContain('TIME_WAIT');
  });

  it('zero-fill what the page never saw, and skip what IPv4 pcap cannot hold', () => {
    const trace = realEchoTrace().filter((r) => !(r.type === 'return' && r.op === 'recv'));
    const packets = packetsFromRealTrace(trace);
    const echoed = sends(trace).filter((s) => s.len > 0)[1];
    expect([...packets.get(echoed.id)!.tcp!.payload]).toEqual([0, 0, 0, 0, 0]);
    const v6: SegmentRecord = { ...sends(trace)[0], id: 999, src: '[::1]:40000', dst: '[::1]:7' };
    expect(packetsFromRealTrace([v6]).size).toBe(0);
  });
});
