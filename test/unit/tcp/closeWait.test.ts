// Tests for CLOSE-WAIT (RFC 9293 §3.10.7.4): the peer has closed its side; we may still send.
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('CLOSE-WAIT', () => {
  it('recv() returns 0 (end of file) and keeps returning 0', () => {
    const h = new TcpHarness().closeWait();
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('send() still works: the peer half-closed only its direction (RFC 9293 §3.10.2 CLOSE-WAIT)', () => {
    const h = new TcpHarness().closeWait();
    h.at(10).send('reply');
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1, ack: 2, len: 5, win: 65535 }]);
    expect(h.settle()).toEqual({ result: 5 });
  });

  it('close() → LAST_ACK and a FIN is sent (RFC 9293 §3.10.4 CLOSE-WAIT)', () => {
    const h = new TcpHarness().closeWait();
    h.at(10).close();
    expect(h.state).toBe('LAST_ACK');
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
  });

  it('shutdown(SHUT_WR) → LAST_ACK as well', () => {
    const h = new TcpHarness().closeWait();
    h.shutdown('wr');
    expect(h.state).toBe('LAST_ACK');
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
  });

  it('close() with data still queued: the FIN rides on the last data segment', () => {
    const h = new TcpHarness().closeWait();
    h.send('abc');
    h.send('def'); // held by Nagle behind the unacknowledged "abc"
    h.takeSent();
    h.close();
    expect(h.takeSent()).toEqual([{ flags: 'FIN,PSH,ACK', seq: 4, ack: 2, len: 3, win: 65535 }]);
  });

  it("a retransmission of the peer's FIN is acknowledged again (RFC 9293 §3.10.7.4 first: unacceptable → ACK)", () => {
    const h = new TcpHarness().closeWait();
    h.deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
    expect(h.state).toBe('CLOSE_WAIT');
  });

  it('RST → CLOSED; recv() returns 0 (the FIN came first), send() fails with EPIPE (Linux tcp_reset; checked with Python)', () => {
    // Python on this machine: peer closes, we send into it, its RST arrives in CLOSE_WAIT:
    // recv → b'', send → EPIPE, send → EPIPE.
    const h = new TcpHarness().closeWait();
    h.deliver({ flags: 'RST', seq: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
  });

  it('close() with unread data resets instead of sending FIN (RFC 2525 §2.17, Linux tcp_close)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'FIN,PSH,ACK', seq: 0, ack: 1, payload: 'unread' });
    h.takeSent();
    expect(h.state).toBe('CLOSE_WAIT');
    h.close();
    expect(h.state).toBe('CLOSED');
    // The RST carries the usual window (Linux on loopback: "Flags [R.], seq 1, ack 7, win 64" with wscale 10).
    expect(h.takeSent()).toEqual([{ flags: 'RST,ACK', seq: 1, ack: 8, len: 0, win: 65528 }]);
  });
});
