// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ACK, FIN, PSH, RST, SYN, type Packet } from '../../../src/sim/net/packet';
import type { SegmentRecord, StateRecord, TraceRecord } from '../../../src/sim/trace/records';
import { captureToTrace, importCapture, type CaptureTrace } from '../../../src/sim/pcap/captureToTrace';
import { isCaptureError } from '../../../src/sim/pcap/captureError';
import { writePcap, type PcapFrame } from '../../../src/sim/pcap/pcapWriter';
import { readCapture } from '../../../src/sim/pcap/readCapture';

const FIXTURES = ['loopback-echo.pcap', 'loopback-echo.pcapng', 'any-echo-nanosec.pcap'];
const load = (name: string): CaptureTrace => {
  const r = importCapture(new Uint8Array(readFileSync(`test/fixtures/${name}`)));
  if (isCaptureError(r)) throw new Error(r.code);
  return r;
};
const segments = (trace: TraceRecord[], event: 'send' | 'deliver' = 'send') =>
  trace.filter((r): r is SegmentRecord => r.type === 'segment' && r.event === event);
const states = (trace: TraceRecord[]) => trace.filter((r): r is StateRecord => r.type === 'state');
/** The states one endpoint passes through, starting with where it was first seen. */
const pathOf = (trace: TraceRecord[], host: string) => {
  const s = states(trace).filter((r) => r.host === host);
  return s.length ? [s[0].from, ...s.map((r) => r.to)] : [];
};

describe.each(FIXTURES)('captureToTrace on %s (TCP echo, refused connect, UDP, ICMP)', (name) => {
  const imported = load(name);
  const { trace, conversations, hosts } = imported;
  const [echo, refused, udp, closedUdp] = conversations;
  const client = echo.a, server = echo.b;

  it('finds the four conversations, the initiator first', () => {
    expect(conversations.map((c) => [c.proto, c.b.split(':')[1]])).toEqual([['tcp', '47001'], ['tcp', '47004'], ['udp', '47002'], ['udp', '47003']]);
    expect(echo.packets).toHaveLength(12);
    expect(refused.packets).toHaveLength(2);
    expect(closedUdp.packets).toHaveLength(2); // the datagram and the ICMP error about it
    // Loopback: one address talks to itself, so each port is its own lifeline.
    expect(hosts.map((h) => h.name)).toContain(server);
    expect(hosts.every((h) => h.name === `${h.ip}:${h.port}`)).toBe(true);
  });

  it('numbers the handshake like Wireshark: 0/0, 0/1, 1/1, with the SYN options', () => {
    const hs = segments(trace).slice(0, 3);
    expect(hs.map((s) => [s.from, s.flags.join(','), s.rseq, s.rack, s.len, s.note])).toEqual([
      [client, 'SYN', 0, 0, 0, 'syn'], [server, 'ACK,SYN', 0, 1, 0, 'syn-ack'], [client, 'ACK', 1, 1, 0, 'handshake-ack'],
    ]);
    expect(hs[0].opts).toEqual({ mss: 65495, sackPermitted: true, wscale: 10 });
    expect(hs[0].seq).not.toBe(0); // absolute numbers stay absolute
  });

  it('agrees with tshark on every segment: relative seq/ack, length, scaled window', () => {
    const r = spawnSync('tshark', ['-r', `test/fixtures/${name}`, '-Y', 'tcp', '-T', 'fields', '-E', 'separator=|',
      '-e', 'frame.number', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.len', '-e', 'tcp.window_size'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const expected = r.stdout.trim().split('\n').map((l) => l.split('|').map(Number));
    expect(segments(trace).map((s) => [s.id, s.rseq, s.rack, s.len, s.win])).toEqual(expected);
  });

  it('carries the data lengths of the echo: 6 and 6 bytes, then 4 and 4', () => {
    const data = segments(trace).filter((s) => s.len > 0);
    expect(data.map((s) => [s.from === client ? 'c' : 's', s.len])).toEqual([['c', 6], ['s', 6], ['c', 4], ['s', 4]]);
  });

  it('walks each endpoint through the handshake and the four-way close', () => {
    expect(pathOf(trace, client)).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(pathOf(trace, server)).toEqual(['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    const first = states(trace).find((s) => s.host === client)!;
    expect(first.sock).toBe(`${client}->${server}`);
    // One socket id per endpoint of each connection, stable across its records.
    const sids = (host: string) => new Set(states(trace).filter((s) => s.host === host).map((s) => s.sid));
    expect([...sids(client)]).toEqual([1]);
    expect([...sids(server)]).toEqual([2]);
    expect([...sids(refused.a)]).toEqual([3]);
  });

  it('shows the refused connect: SYN, RST, client back to CLOSED, no state on the port without listener', () => {
    expect(pathOf(trace, refused.a)).toEqual(['CLOSED', 'SYN_SENT', 'CLOSED']);
    expect(pathOf(trace, refused.b)).toEqual([]);
    const rst = segments(trace).find((s) => s.flags.includes('RST'))!;
    expect([rst.rseq, rst.rack, rst.win]).toEqual([1, 1, 0]);
  });

  it('turns UDP into datagram records and the ICMP error into a port-unreachable about its datagram', () => {
    const dgrams = trace.filter((r) => r.type === 'datagram' && r.event === 'send');
    expect(dgrams.map((d) => (d.type === 'datagram' ? d.len : -1))).toEqual([4, 4, 7]);
    const icmp = trace.find((r) => r.type === 'icmp' && r.event === 'send');
    expect(icmp).toMatchObject({ kind: 'port-unreachable', about: closedUdp.packets[0], from: closedUdp.b, to: closedUdp.a });
    expect(udp.a).toBe(closedUdp.a);
  });

  it('sends and delivers every packet once, in time order, delivering before the receiver answers', () => {
    expect(trace.every((r, i) => i === 0 || trace[i - 1].t <= r.t)).toBe(true);
    const sends = new Map<number, number>(), delivers = new Map<number, number>();
    trace.forEach((r, i) => {
      if (r.type !== 'segment' && r.type !== 'datagram' && r.type !== 'icmp') return;
      (r.event === 'send' ? sends : delivers).set(r.id, i);
    });
    expect([...sends.keys()].sort((a, b) => a - b)).toEqual([...Array(18).keys()].map((i) => i + 1));
    for (const [id, at] of sends) expect(delivers.get(id)!).toBeGreaterThan(at);
    // The server's SYN-ACK is sent only after the SYN reached it, the client's ACK after the SYN-ACK.
    const idx = (id: number, m: Map<number, number>) => m.get(id)!;
    expect(idx(1, delivers)).toBeLessThan(idx(2, sends));
    expect(idx(2, delivers)).toBeLessThan(idx(3, sends));
  });

  it('estimates the flight time as half the handshake round trip', () => {
    const cap = readCapture(new Uint8Array(readFileSync(`test/fixtures/${name}`)));
    if (isCaptureError(cap)) throw new Error(cap.code);
    expect(echo.handshakeRtt).toBeCloseTo(cap.frames[2].t - cap.frames[0].t, 9);
    expect(echo.delay).toBeCloseTo(echo.handshakeRtt! / 2, 9);
    expect(imported.delay).toBe(echo.delay); // the only handshake sets the capture-wide figure
    const udpSend = trace.find((r) => r.type === 'datagram' && r.event === 'send')!;
    const udpDeliver = trace.find((r) => r.type === 'datagram' && r.event === 'deliver' && r.id === (udpSend as { id: number }).id)!;
    expect(udpDeliver.t - udpSend.t).toBeLessThanOrEqual(imported.delay + 1e-9);
  });
});

// Synthetic conversations: A = 10.1.1.1:5000 (client), B = 10.2.2.2:80.
function seg(t: number, fromA: boolean, flags: number, seq: number, ack: number, len = 0): PcapFrame {
  const packet: Packet = {
    id: 0, src: fromA ? '10.1.1.1' : '10.2.2.2', dst: fromA ? '10.2.2.2' : '10.1.1.1', ttl: 64, ipId: 1, df: true, proto: 'tcp',
    tcp: { srcPort: fromA ? 5000 : 80, dstPort: fromA ? 80 : 5000, seq, ack, flags, window: 1000, urgent: 0, options: [], payload: new Uint8Array(len) },
  };
  return { t, packet };
}
function run(frames: PcapFrame[]): CaptureTrace {
  const cap = readCapture(writePcap(frames));
  if (isCaptureError(cap)) throw new Error(cap.code);
  return captureToTrace(cap);
}
const A = 1000, B = 9000;

describe('captureToTrace state inference', () => {
  it('starts a capture that begins mid-connection in ESTABLISHED, numbering from 1 as Wireshark does', () => {
    const { trace, conversations } = run([
      seg(0, true, ACK | PSH, A + 1, B + 1, 10), seg(5, false, ACK, B + 1, A + 11),
      seg(6, true, ACK | FIN, A + 11, B + 1), seg(10, false, ACK | FIN, B + 1, A + 12), seg(15, true, ACK, A + 12, B + 2),
    ]);
    expect(conversations[0].midway).toBe(true);
    expect(segments(trace).map((s) => [s.rseq, s.rack])).toEqual([[1, 1], [1, 11], [11, 1], [1, 12], [12, 2]]);
    expect(states(trace).slice(0, 2).map((s) => [s.from, s.to, s.cause])).toEqual([
      ['CLOSED', 'ESTABLISHED', 'capture start (assumed)'], ['CLOSED', 'ESTABLISHED', 'capture start (assumed)'],
    ]);
    expect(pathOf(trace, '10.1.1.1')).toEqual(['CLOSED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(pathOf(trace, '10.2.2.2')).toEqual(['CLOSED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('infers CLOSING on both sides when the FINs cross', () => {
    const { trace } = run([
      seg(0, true, SYN, A, 0), seg(10, false, SYN | ACK, B, A + 1), seg(20, true, ACK, A + 1, B + 1),
      seg(30, true, ACK | FIN, A + 1, B + 1), // each FIN acks only the handshake: neither saw the other's
      seg(31, false, ACK | FIN, B + 1, A + 1),
      seg(45, true, ACK, A + 2, B + 2), seg(46, false, ACK, B + 2, A + 2),
    ]);
    expect(pathOf(trace, '10.1.1.1')).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    expect(pathOf(trace, '10.2.2.2')).toEqual(['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
  });

  it('infers a simultaneous open through SYN_RECEIVED on both sides', () => {
    const { trace } = run([
      seg(0, true, SYN, A, 0), seg(1, false, SYN, B, 0),
      seg(12, true, SYN | ACK, A, B + 1), seg(13, false, SYN | ACK, B, A + 1),
    ]);
    expect(pathOf(trace, '10.1.1.1')).toEqual(['CLOSED', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    expect(pathOf(trace, '10.2.2.2')).toEqual(['CLOSED', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
  });

  it('closes both ends on a RST and separates a new connection that reuses the 4-tuple', () => {
    const { trace, conversations } = run([
      seg(0, true, SYN, A, 0), seg(10, false, SYN | ACK, B, A + 1), seg(20, true, ACK, A + 1, B + 1),
      seg(30, true, RST | ACK, A + 1, B + 1),
      seg(100, true, SYN, A + 5000, 0), seg(101, true, SYN, A + 5000, 0), // a new ISN, then a retransmission
    ]);
    expect(conversations.map((c) => c.packets.length)).toEqual([4, 2]);
    expect(pathOf(trace, '10.2.2.2')).toEqual(['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSED']);
    expect(pathOf(trace, '10.1.1.1')).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'CLOSED', 'SYN_SENT']);
    const last = segments(trace).slice(-2);
    expect(last.map((s) => [s.rseq, s.note])).toEqual([[0, 'syn'], [0, 'syn-retransmit']]);
    const secondClient = states(trace).filter((s) => s.t >= 100);
    expect(secondClient.map((s) => [s.from, s.to])).toEqual([['CLOSED', 'SYN_SENT']]);
  });

  it('uses a given one-way delay instead of the estimate', () => {
    const cap = readCapture(writePcap([seg(0, true, SYN, A, 0), seg(10, false, SYN | ACK, B, A + 1)]));
    if (isCaptureError(cap)) throw new Error(cap.code);
    const { trace } = captureToTrace(cap, { oneWayDelay: 3 });
    expect(segments(trace, 'deliver').map((s) => s.t)).toEqual([3, 13]);
  });
});
