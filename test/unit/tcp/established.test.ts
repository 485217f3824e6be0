// Tests for the ESTABLISHED state (RFC 9293 §3.10.7.4): data in both directions, acceptability of
// segments, out-of-order data, the FIN, and the RST/SYN checks with and without RFC 5961.
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('ESTABLISHED: sending', () => {
  it('send() puts the bytes out at once as PSH,ACK and starts the RTO timer (RFC 6298 §5.1)', () => {
    const h = new TcpHarness().established();
    h.at(100).send('hello');
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1, ack: 1, len: 5, win: 65535 }]);
    expect(h.timers()).toEqual(['rto']);
    expect(h.settle()).toEqual({ result: 5 });
  });

  it('an ACK covering everything stops the RTO timer (RFC 6298 §5.2)', () => {
    const h = new TcpHarness().established();
    h.at(100).send('hello');
    h.takeSent();
    h.at(120).deliver({ flags: 'ACK', seq: 0, ack: 6 });
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual([]);
    expect(h.sock.sendBuf.length).toBe(0);
  });

  it('a large send is cut into MSS-sized segments, the last one PSH (as Linux does)', () => {
    const h = new TcpHarness().established();
    h.send(3000);
    expect(h.takeSent()).toEqual([
      { flags: 'ACK', seq: 1, ack: 1, len: 1460, win: 65535 },
      { flags: 'ACK', seq: 1461, ack: 1, len: 1460, win: 65535 },
      { flags: 'PSH,ACK', seq: 2921, ack: 1, len: 80, win: 65535 },
    ]);
  });

  it('never sends beyond the offered window: SND.UNA + SND.WND (RFC 9293 §3.8.6)', () => {
    const h = new TcpHarness({}, { peerWindow: 1000 }).established();
    h.sock.nodelay = true;
    h.send(3000);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 1000, win: 65535 }]);
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 501, win: 1000 });
    // The window slid by 500: exactly 500 more bytes may go.
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1001, ack: 1, len: 500, win: 65535 }]);
  });

  it('an ACK of something not yet sent is answered with an ACK and dropped (RFC 9293 §3.10.7.4 fifth)', () => {
    const h = new TcpHarness().established();
    h.send('abc');
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 0, ack: 100 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 4, ack: 1, len: 0, win: 65535 }]);
    expect(h.sock.sndUna).toBe((h.sock.iss + 1) >>> 0);
  });

  it('an old ACK (below SND.UNA) is ignored (RFC 9293 §3.10.7.4 "If the ACK is a duplicate … it can be ignored")', () => {
    const h = new TcpHarness().established();
    h.send('abcdef');
    h.deliver({ flags: 'ACK', seq: 0, ack: 4 });
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.takeSent()).toEqual([]);
    expect(h.sock.sndUna).toBe((h.sock.iss + 4) >>> 0);
  });
});

describe('ESTABLISHED: receiving', () => {
  it('in-order data is queued and acknowledged at once without delayed ACK (RFC 9293 §3.10.7.4 seventh)', () => {
    const h = new TcpHarness().established();
    h.at(50).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'abc' });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 4, len: 0, win: 65532 }]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 3, data: 'abc' } });
  });

  it('recv() blocks while nothing is queued, and returns what arrives', () => {
    const h = new TcpHarness().established();
    expect(h.recv(10).kind).toBe('block');
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'hello world' });
    expect(h.settle()).toEqual({ result: { bytes: 10, data: 'hello worl' } });
    expect(h.settle(h.recv(10))).toEqual({ result: { bytes: 1, data: 'd' } });
  });

  it('out-of-order data is held and answered by an immediate duplicate ACK; the gap filler is ACKed cumulatively (RFC 5681 §4.2)', () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.deliver({ flags: 'ACK', seq: 10, ack: 1, len: 5 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.sock.oooBytes).toBe(5);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 16, len: 0, win: 65520 }]);
    expect(h.sock.rcvQueue.length).toBe(15);
  });

  it('a duplicate of data already received is not queued again, but acknowledged (RFC 9293 §3.10.7.4 first)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: 'abc' });
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: 'abc' });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 4, len: 0, win: 65532 }]);
    expect(h.sock.rcvQueue.length).toBe(3);
  });

  it('linux: a retransmission of the last segment still has its ACK processed (oldSegmentAck "last"); rfc drops it whole', () => {
    for (const [profile, una] of [['linux', 4], ['rfc', 1]] as const) {
      const h = new TcpHarness({ profile }).established();
      h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'req' });
      h.send('abc');
      h.takeSent();
      // The peer resends "req" (our ACK was lost) and meanwhile acknowledges our "abc".
      h.at(300).deliver({ flags: 'PSH,ACK', seq: 0, ack: 4, payload: 'req' });
      expect(h.takeSent().filter((s) => s.len === 0)).toEqual([{ flags: 'ACK', seq: 4, ack: 4, len: 0, win: 65532 }]);
      expect(h.sock.sndUna, profile).toBe((h.sock.iss + una) >>> 0);
      expect(h.sock.rcvQueue.length).toBe(3);
    }
  });

  it('a segment overlapping old and new data: only the new part is queued (RFC 9293 §3.10.7.4 trimming)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: 'abc' });
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: 'abcdef' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 6, data: 'abcdef' } });
  });

  it('a segment beyond the window is answered with an ACK and dropped (RFC 9293 §3.10.7.4 first)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'ACK', seq: 70000, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.sock.oooBytes).toBe(0);
  });

  it('FIN → CLOSE_WAIT, ACK of the FIN, recv() returns 0 (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness().established();
    h.at(30).deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('CLOSE_WAIT');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('a FIN ahead of a hole waits; when the hole fills, data and FIN are acknowledged together', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'FIN,ACK', seq: 5, ack: 1 });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, payload: 'hello' });
    expect(h.state).toBe('CLOSE_WAIT');
    // The right edge stays where it was (65535 past the SYN); the FIN took one sequence number, so
    // 65529 remain; moving the edge by 1 byte is not worth it (receiver SWS, RFC 9293 §3.8.6.2.2).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 7, len: 0, win: 65529 }]);
  });

  it('queued data stays readable after the FIN; then recv() returns 0', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'FIN,PSH,ACK', seq: 0, ack: 1, payload: 'bye' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 3, data: 'bye' } });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });
});

describe('ESTABLISHED: RST and SYN (RFC 9293 §3.10.7.4, RFC 5961)', () => {
  it('RST with SEG.SEQ = RCV.NXT → CLOSED; queued data is read first, then ECONNRESET, then 0', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'data' });
    h.takeSent();
    h.deliver({ flags: 'RST', seq: 4 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 4, data: 'data' } });
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('RST in the window but not at RCV.NXT → challenge ACK, connection kept (RFC 5961 §3.2)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'RST', seq: 100 });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
  });

  it('rfc5961 off: any RST in the window resets the connection (RFC 9293 §3.10.7.4 without RFC 5961)', () => {
    const h = new TcpHarness({ rfc5961: false }).established();
    h.deliver({ flags: 'RST', seq: 100 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
  });

  it('RST outside the window is dropped silently, with or without RFC 5961', () => {
    for (const rfc5961 of [true, false]) {
      const h = new TcpHarness({ rfc5961 }).established();
      h.deliver({ flags: 'RST', seq: 70000 });
      expect(h.state).toBe('ESTABLISHED');
      expect(h.takeSent()).toEqual([]);
    }
  });

  it('a SYN in the window → challenge ACK, connection kept (RFC 5961 §4.2)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'SYN', seq: 10 });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
  });

  it('rfc5961 off: a SYN in the window resets the connection (RFC 793 §3.9 "fourth, check the SYN bit")', () => {
    const h = new TcpHarness({ rfc5961: false }).established();
    h.deliver({ flags: 'SYN', seq: 10 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([{ flags: 'RST,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
  });

  it('a segment without ACK carrying data is dropped (RFC 9293 §3.10.7.4 fifth "if the ACK bit is off")', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH', seq: 0, payload: 'x' });
    expect(h.takeSent()).toEqual([]);
    expect(h.sock.rcvQueue.length).toBe(0);
  });

  it('close() → FIN_WAIT_1 and a FIN,ACK is sent (RFC 9293 §3.10.4)', () => {
    const h = new TcpHarness().established();
    h.close();
    expect(h.state).toBe('FIN_WAIT_1');
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.timers()).toEqual(['rto']);
  });

  it('close() with data still unsent: the FIN follows the data, on the last segment (RFC 9293 §3.10.4 "queue … after all SENDs")', () => {
    const h = new TcpHarness({}, { peerWindow: 100 }).established();
    h.send(150);
    h.close();
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 100, win: 65535 }]);
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 101, win: 100 });
    expect(h.takeSent()).toEqual([{ flags: 'FIN,PSH,ACK', seq: 101, ack: 1, len: 50, win: 65535 }]);
  });
});
