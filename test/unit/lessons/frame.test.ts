// The Ethernet frame the encapsulation figure can show around a packet of the run: the simulated IP
// packet byte for byte, example MAC addresses that stay the same per host, EtherType 0x0800,
// padding to Ethernet's minimum, and a real CRC-32 FCS.
import { describe, expect, it } from 'vitest';
import { crc32, dataText, exampleMac, frameAt, frameOf, hexBytes, lessonById, resolveScenarioRef, TraceView } from '../../../src/lessons';
import { encodePacket } from '../../../src/sim/pcap';
import { run } from './lessonRuns';

const lesson = lessonById('http-over-tcp')!;
const scenario = resolveScenarioRef(lesson.scenarios.short);
const r = run(scenario);
const v = new TraceView(scenario, r.trace, r.result.packets);
const sendOf = (pred: (s: Extract<(typeof r.trace)[number], { type: 'segment' }>) => boolean) =>
  r.trace.findIndex((x) => x.type === 'segment' && x.event === 'send' && pred(x));

describe('Ethernet frames for the encapsulation figure', () => {
  const request = sendOf((s) => s.from === 'browser' && s.len > 0);
  const response = sendOf((s) => s.from === 'www' && s.len > 0);

  it('wraps the request: example MACs, EtherType 0x0800, the IP packet as simulated, the HTTP text, FCS', () => {
    const f = frameOf(v, request)!;
    const seg = r.trace[request] as Extract<(typeof r.trace)[number], { type: 'segment' }>;
    const packet = encodePacket(r.result.packets.get(seg.id)!);
    expect(f.parts.map((p) => p.layer)).toEqual(['link', 'network', 'transport', 'app', 'fcs']);
    expect(hexBytes(f.bytes.subarray(0, 14))).toBe(`${exampleMac(scenario.hosts.www.ip).replaceAll(':', ' ')} ${exampleMac(scenario.hosts.browser.ip).replaceAll(':', ' ')} 08 00`);
    expect(f.etherType).toBe(0x0800);
    expect([...f.bytes.subarray(14, 14 + packet.length)]).toEqual([...packet]);
    expect(f.sizes).toMatchObject({ link: 14, ip: 20, l4: 20, data: seg.len, packet: packet.length, padding: 0, fcs: 4, frame: packet.length + 18 });
    // The parts tile the frame, in order.
    let at = 0;
    for (const p of f.parts) { expect(p.offset, p.layer).toBe(at); at += p.bytes.length; }
    expect(at).toBe(f.bytes.length);
    const data = f.parts.find((p) => p.layer === 'app')!;
    expect(data.text).toMatch(/^GET \/ HTTP\/1\.1\\r\\nHost: www\.example\.com\\r\\n/);
    expect(data.offset).toBe(54);
    // A receiver's CRC-32 over the frame and its FCS gives Ethernet's fixed residue.
    expect(crc32(f.bytes)).toBe(0x2144df1c);
    expect(f.parts.filter((p) => p.example).map((p) => p.layer)).toEqual(['link', 'fcs']);
    expect(f.note.en).toMatch(/examples/);
    expect(f.note['zh-CN']).toMatch(/示例/);
  });

  it('gives each host one MAC address in every frame', () => {
    const q = frameOf(v, request)!;
    const a = frameOf(v, response)!;
    expect(a.dstMac).toBe(q.srcMac);
    expect(a.srcMac).toBe(q.dstMac);
    expect(exampleMac('10.0.0.80')).toBe('02:00:0a:00:00:50');
  });

  it('pads a short packet to Ethernet\'s 46-byte minimum', () => {
    const ack = sendOf((s) => s.len === 0 && s.flags.length === 1 && s.flags[0] === 'ACK');
    const f = frameOf(v, ack)!;
    expect(f.sizes.packet).toBe(40);
    expect(f.sizes.padding).toBe(6);
    expect(f.sizes.frame).toBe(64);
    expect(f.parts.map((p) => p.layer)).toEqual(['link', 'network', 'transport', 'padding', 'fcs']);
    expect([...f.parts.find((p) => p.layer === 'padding')!.bytes]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(crc32(f.bytes)).toBe(0x2144df1c);
  });

  it('frameAt finds the last packet sent up to a record, as the figure does; only sent packets have frames', () => {
    expect(frameAt(v, request + 1)!.record).toBe(request);
    expect(frameAt(v, 0)).toBeNull();
    const delivered = r.trace.findIndex((x) => x.type === 'segment' && x.event === 'deliver');
    expect(frameOf(v, delivered)).toBeNull();
  });

  it('writes data as text with line ends escaped', () => {
    expect(dataText(new Uint8Array([0x47, 0x45, 0x54, 0x0d, 0x0a, 0x00, 0x09]))).toBe('GET\\r\\n·\\t');
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
