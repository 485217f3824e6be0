// Tests for the SYN-RECEIVED state (RFC 9293 §3.10.7.4), reached by passive open (a listener's
// child) or by simultaneous open.
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('SYN-RECEIVED (passive open)', () => {
  it('ACK of our SYN → ESTABLISHED, nothing sent (RFC 9293 §3.10.7.4 "If SND.UNA < SEG.ACK =< SND.NXT")', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([]);
    expect(h.stateChanges()).toEqual([['LISTEN', 'SYN_RECEIVED'], ['SYN_RECEIVED', 'ESTABLISHED']]);
    // The SYN,ACK was timed: RTT 20 ms.
    expect(h.lastCwnd()).toMatchObject({ srtt: 20, rttvar: 10, cwnd: 14600, ssthresh: 0x7fffffff });
  });

  it('an ACK that acks something not sent is answered <SEQ=SEG.ACK><CTL=RST>; state unchanged (RFC 9293 §3.10.7.4)', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 0, ack: 9 });
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 9, ack: 0, len: 0, win: 0 }]);
    expect(h.state).toBe('SYN_RECEIVED');
  });

  it('the final ACK may carry data: ESTABLISHED and the data is queued and acknowledged', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.at(20).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'hello' });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.sock.rcvQueue.length).toBe(5);
    // The 5 unread bytes take room: the window offered shrinks to 65530 (the right edge stays put).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 6, len: 0, win: 65530 }]);
  });

  it('RST → the half-open child is dropped (CLOSED), the listener stays in LISTEN (RFC 9293 §3.10.7.4 second)', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.state).toBe('CLOSED');
    expect(h.listener!.state).toBe('LISTEN');
    expect(h.listener!.synQueue).toHaveLength(0);
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual([]);
  });

  it('RST outside the window is ignored (RFC 9293 §3.10.7.4 first)', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.deliver({ flags: 'RST', seq: 70000 });
    expect(h.state).toBe('SYN_RECEIVED');
    expect(h.takeSent()).toEqual([]);
  });

  it('FIN with the final ACK → ESTABLISHED then CLOSE_WAIT, FIN acknowledged (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    h.at(20).deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('CLOSE_WAIT');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
  });

  it('SYN,ACK retransmitted at 1, 3, 7, 15, 31 s, then the child is dropped at 63 s (tcp_synack_retries = 5)', () => {
    const h = new TcpHarness().synReceived();
    h.takeSent();
    const child = h.sock;
    const times: number[] = [];
    for (let t = 0; t <= 70_000 && child.state !== 'CLOSED'; t += 1000) {
      h.at(t);
      for (const s of h.takeSent()) { expect(s).toMatchObject({ flags: 'SYN,ACK', seq: 0, ack: 1 }); times.push(h.now); }
    }
    expect(times).toEqual([1000, 3000, 7000, 15000, 31000]);
    expect(child.state).toBe('CLOSED');
    expect(h.now).toBe(63000);
    expect(h.listener!.synQueue).toHaveLength(0);
  });
});

describe('SYN-RECEIVED (simultaneous open)', () => {
  function simultaneous(h: TcpHarness): TcpHarness {
    h.synSent();
    h.at(10).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    h.takeSent();
    return h;
  }

  it('RST → CLOSED and connect() fails with ECONNREFUSED (RFC 9293 §3.10.7.4 "active OPEN … connection refused")', () => {
    const h = simultaneous(new TcpHarness());
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.state).toBe('CLOSED');
    expect(h.settle()).toEqual({ error: 'ECONNREFUSED' });
  });

  it('close() → FIN_WAIT_1 and a FIN is sent (RFC 9293 §3.10.4 SYN-RECEIVED); the ACK of SYN and FIN → FIN_WAIT_2', () => {
    const h = simultaneous(new TcpHarness());
    h.at(15).close();
    expect(h.state).toBe('FIN_WAIT_1');
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    h.at(30).deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('FIN_WAIT_2');
  });

  it('the SYN,ACK is retransmitted by the SYN timer, then the ACK completes the open', () => {
    const h = simultaneous(new TcpHarness());
    h.at(1000);
    expect(h.takeSent()).toEqual([{ flags: 'SYN,ACK', seq: 0, ack: 1, len: 0, win: 65535, opts: { mss: 1460, wscale: 7 } }]);
    h.at(1010).deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('ESTABLISHED');
  });
});
