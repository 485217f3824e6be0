// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): the seq module itself, then whole
// connections whose sequence numbers wrap past 0xffffffff in both directions.
import { describe, expect, it } from 'vitest';
import { seqAdd, seqDiff, seqGe, seqGt, seqInRange, seqLe, seqLt, seqMax, seqMin } from '../../../src/sim/tcp/seq';
import { TcpHarness } from './harness';

describe('seq module (RFC 9293 §3.4 "compare … modulo 2**32")', () => {
  it('adds and compares across the wrap', () => {
    expect(seqAdd(0xffffffff, 1)).toBe(0);
    expect(seqAdd(0xfffffff0, 0x20)).toBe(0x10);
    expect(seqAdd(5, -10)).toBe(0xfffffffb);
    expect(seqDiff(0x10, 0xfffffff0)).toBe(0x20);
    expect(seqDiff(0xfffffff0, 0x10)).toBe(-0x20);
    expect(seqLt(0xffffffff, 0)).toBe(true);
    expect(seqGt(0, 0xffffffff)).toBe(true);
    expect(seqLe(7, 7) && seqGe(7, 7)).toBe(true);
    expect(seqMax(0xfffffffe, 3)).toBe(3);
    expect(seqMin(0xfffffffe, 3)).toBe(0xfffffffe);
    expect(seqInRange(1, 0xfffffff0, 0x10)).toBe(true);
    expect(seqInRange(0x10, 0xfffffff0, 0x10)).toBe(false);
    expect(seqInRange(0xffffffef, 0xfffffff0, 0x10)).toBe(false);
  });
});

describe('a connection across the 2^32 wrap', () => {
  const OUR_ISS = 0xfffffff0;
  const PEER_ISS = 0xfffffff8;

  it('our data crosses the wrap: segments carry wrapped sequence numbers and the wrapped ACK frees the buffer', () => {
    const h = new TcpHarness({ nagle: false }, { iss: OUR_ISS, peerIss: PEER_ISS }).established();
    expect(h.sock.iss).toBe(OUR_ISS);
    h.send(40);
    expect(h.sent.map((p) => p.tcp!.seq)).toEqual([0xfffffff1]);
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1, ack: 1, len: 40, win: 65535 }]);
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 41 });
    expect(h.sock.sndUna).toBe(0x19);
    expect(h.sock.sendBuf.length).toBe(0);
    expect(h.timers()).toEqual([]);
  });

  it("the peer's data crosses the wrap, out of order: reassembled and acknowledged with a wrapped ACK", () => {
    const h = new TcpHarness({}, { iss: OUR_ISS, peerIss: PEER_ISS }).established();
    const payload = Uint8Array.from({ length: 30 }, (_, i) => 65 + (i % 26));
    // Bytes 10..29 sit past the wrap (absolute 0x3 on); they arrive first.
    h.deliver({ flags: 'ACK', seq: 10, ack: 1, payload: payload.subarray(10) });
    expect(h.sent.map((p) => p.tcp!.ack)).toEqual([0xfffffff9]);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: payload.subarray(0, 10) });
    expect(h.sent.map((p) => p.tcp!.ack)).toEqual([0x17]);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 31, len: 0, win: 65505 }]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 30, data: 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCD' } });
  });

  it('a segment half the sequence space away is outside the window, not "before" it', () => {
    const h = new TcpHarness({}, { iss: OUR_ISS, peerIss: PEER_ISS }).established();
    h.deliver({ flags: 'ACK', seq: 0x7fff0000, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.sock.oooBytes).toBe(0);
  });

  it('a FIN at sequence number 0xffffffff: its ACK (0) moves FIN_WAIT_1 → FIN_WAIT_2', () => {
    const h = new TcpHarness({ nagle: false }, { iss: OUR_ISS, peerIss: PEER_ISS }).established();
    h.send(14); // bytes 0xfffffff1..0xfffffffe
    h.close();
    expect(h.sent.map((p) => [p.tcp!.seq, p.tcp!.payload.length, p.tcp!.flags & 1])).toEqual([[0xfffffff1, 14, 0], [0xffffffff, 0, 1]]);
    h.takeSent();
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 16 });
    expect(h.sock.sndUna).toBe(0);
    expect(h.state).toBe('FIN_WAIT_2');
  });

  it('RTT is measured across the wrap (the timed segment ends past 0)', () => {
    const h = new TcpHarness({ nagle: false }, { iss: OUR_ISS, peerIss: PEER_ISS }).established();
    h.at(100).send(40);
    h.at(150).deliver({ flags: 'ACK', seq: 0, ack: 41 });
    // Second sample (the first came from the 0 ms handshake): RTTVAR = 3/4·0 + 1/4·50, SRTT = 1/8·50.
    expect(h.lastCwnd()).toMatchObject({ srtt: 6.25, rttvar: 12.5 });
  });
});
