// Send and receive buffers, the advertised and the sliding window (RFC 9293 §3.8.6), window
// scaling (RFC 7323) and silly-window-syndrome avoidance on both sides (RFC 9293 §3.8.6.2).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';
import { seqDiff } from '../../../src/sim/tcp/seq';

describe('send buffer', () => {
  it('send() copies what fits and blocks; ACKs free room and the rest is copied', () => {
    const h = new TcpHarness({ sndbuf: 1000, nagle: false }).established();
    expect(h.send(2500).kind).toBe('block');
    expect(h.sock.sendBuf.length).toBe(1000);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 1000]]);
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 1001 });
    expect(h.settle()).toBe('blocked'); // 2000 copied so far
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 2001 });
    expect(h.settle()).toEqual({ result: 2500 });
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1001, 1000], [2001, 500]]);
  });

  it('non-blocking send() copies what fits and returns the count, then EAGAIN', () => {
    const h = new TcpHarness({ sndbuf: 1000 }).established();
    h.sock.nonblock = true;
    expect(h.settle(h.send(2500))).toEqual({ result: 1000 });
    expect(h.settle(h.send(10))).toEqual({ error: 'EAGAIN' });
  });
});

describe('receive buffer and advertised window', () => {
  it("the active opener's window after the handshake is its buffer, whatever the peer's ISN (regression: ISN ≥ 2^31)", () => {
    const h = new TcpHarness({}, { peerIss: 0x90000000, peerShift: 7 }).established();
    // The 65535-byte buffer, rounded up to the 128-byte scale unit — not megabytes.
    expect(seqDiff(h.sock.rcvAdvEdge, h.sock.rcvNxt)).toBe(65536);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 100 });
    // Scaled by 7, the 65435 bytes left of the offered window round up to 512·128 = 65536: rounding
    // down would move the right edge left (Linux aligns the current window up, tcp_select_window).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 101, len: 0, win: 65536 }]);
    h.deliver({ flags: 'ACK', seq: 1_000_000, ack: 1, len: 100 });
    expect(h.sock.oooBytes).toBe(0);
  });

  it('a full buffer advertises a zero window; data beyond it is refused with an ACK (RFC 9293 §3.10.7.4 first)', () => {
    const h = new TcpHarness({ rcvbuf: 1000 }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1000 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1001, len: 0, win: 0 }]);
    h.deliver({ flags: 'ACK', seq: 1000, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1001, len: 0, win: 0 }]);
    expect(h.sock.rcvQueue.length).toBe(1000);
  });

  it('with a zero window, an ACK at RCV.NXT is still processed (RFC 9293 §3.10.7.4 "special allowance … valid ACKs")', () => {
    const h = new TcpHarness({ rcvbuf: 1000 }).established();
    h.send('abc');
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1000 });
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 1000, ack: 4, len: 10 });
    expect(h.sock.sndUna).toBe((h.sock.iss + 4) >>> 0);
    expect(h.sock.rcvQueue.length).toBe(1000);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 4, ack: 1001, len: 0, win: 0 }]);
  });

  it('receiver SWS avoidance: reading a little does not reopen the window; reading one MSS does (RFC 9293 §3.8.6.2.2)', () => {
    const h = new TcpHarness({ rcvbuf: 10000 }).established();
    for (let off = 0; off < 10000; off += 1000) h.deliver({ flags: 'ACK', seq: off, ack: 1, len: 1000 });
    expect(h.takeSent().at(-1)).toEqual({ flags: 'ACK', seq: 1, ack: 10001, len: 0, win: 0 });
    h.recv(100);
    expect(h.takeSent()).toEqual([]);
    h.recv(1000); // 1100 free: still less than min(buffer/2, MSS) = 1460
    expect(h.takeSent()).toEqual([]);
    h.recv(360); // 1460 free
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 10001, len: 0, win: 1460 }]);
  });

  it('reading half a small buffer sends a window update (min(buffer/2, MSS) with a 1000-byte buffer)', () => {
    const h = new TcpHarness({ rcvbuf: 1000 }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1000 });
    h.takeSent();
    h.recv(499);
    expect(h.takeSent()).toEqual([]);
    h.recv(1);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1001, len: 0, win: 500 }]);
  });
});

describe('sender side: sliding window and SWS avoidance (RFC 9293 §3.8.6.2.1)', () => {
  it('a window-limited runt is held while data is in flight (less than half the largest window offered)', () => {
    const h = new TcpHarness({ nagle: false }, { peerWindow: 4000 }).established();
    h.send(10000);
    // 2920 in flight leaves 1080 of the 4000 window: 1080 < 4000/2, so it waits.
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 1460], [1461, 1460]]);
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 1461, win: 4000 });
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[2921, 1460]]);
  });

  it('a window-limited segment of at least half the largest window goes', () => {
    const h = new TcpHarness({ nagle: false }, { peerWindow: 4000 }).established();
    h.send(10000);
    h.takeSent();
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 2921, win: 4000 });
    // 4000 usable: one MSS, then 1080 < 2000 held again.
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[2921, 1460], [4381, 1460]]);
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 5841, win: 2500 });
    // 2500 usable: 1460 goes; the remaining 1040 is under half the largest window (4000) and
    // data is in flight, so it waits.
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[5841, 1460]]);
  });

  it('when nothing is in flight a window-limited runt goes (otherwise the sender would stall)', () => {
    const h = new TcpHarness({ nagle: false }, { peerWindow: 500 }).established();
    h.send(2000);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 500]]);
  });
});

describe('window scaling (RFC 7323)', () => {
  it('linux: a 1 MiB buffer with shift 7 advertises 8192·128 = 1 MiB once established; the SYN itself is unscaled (RFC 7323 §2.2)', () => {
    const h = new TcpHarness({ rcvbuf: 1 << 20 }, { peerShift: 2 }).synSent();
    expect(h.takeSent()).toEqual([{ flags: 'SYN', seq: 0, ack: 0, len: 0, win: 65535, opts: { mss: 1460, wscale: 7 } }]);
    h.deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, win: 1000, opts: { mss: 1460, wscale: 2 } });
    expect(h.sent[0].tcp!.window).toBe(8192);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 1 << 20 }]);
    // The window in the peer's SYN,ACK is not scaled: 1000 bytes, not 4000.
    expect(h.sock.sndWnd).toBe(1000);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, win: 1000 });
    expect(h.sock.sndWnd).toBe(4000);
  });

  it("the peer's scale applies to its windows: 100 with wscale 7 lets 12800 bytes go", () => {
    const h = new TcpHarness({ nagle: false, initialCwnd: 100 }, { peerShift: 7 }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, win: 100 });
    h.send(12800);
    expect(h.takeSent().reduce((n, s) => n + (s.len ?? 0), 0)).toBe(12800);
    h.send(1); // the window is full
    expect(h.takeSent()).toEqual([]);
  });

  it('a buffer smaller than one scale unit (100 < 2^7) still opens a window: rounded up, never a zero-window deadlock', () => {
    const h = new TcpHarness({ rcvbuf: 100 }, { peerShift: 7 }).synSent();
    expect(h.takeSent().map((s) => s.win)).toEqual([100]); // the SYN's window is not scaled
    h.deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460, wscale: 7 } });
    // 100 bytes round up to one unit of 128 (Linux ALIGN(window, 1 << wscale)).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 128 }]);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 128 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 129, len: 0, win: 0 }]);
    h.recv();
    // 100 free bytes: the window field says 1 (·128), not 0 (regression: the transfer hung forever).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 129, len: 0, win: 128 }]);
  });

  it('rfc ("auto"): the smallest shift that fits the buffer: 1 MiB → 5', () => {
    const h = new TcpHarness({ profile: 'rfc', rcvbuf: 1 << 20 }).synSent();
    expect(h.takeSent()[0].opts).toEqual({ mss: 1460, wscale: 5 });
  });

  it('no scaling unless both offer it: a 1 MiB buffer advertises at most 65535 (RFC 7323 §1.3)', () => {
    const h = new TcpHarness({ rcvbuf: 1 << 20 }).established();
    expect([h.sock.sndShift, h.sock.rcvShift]).toEqual([0, 0]);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 11, len: 0, win: 65535 }]);
  });
});
