// Tests for the SYN-SENT state (RFC 9293 §3.10.7.3).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';
import { tcpConnect } from '../../../src/sim/api/tcpCalls';

describe('SYN-SENT', () => {
  it('connect() sends SYN with MSS and window scale and enters SYN_SENT (RFC 9293 §3.10.1)', () => {
    const h = new TcpHarness().synSent();
    expect(h.takeSent()).toEqual([{ flags: 'SYN', seq: 0, ack: 0, len: 0, win: 65535, opts: { mss: 1460, wscale: 7 } }]);
    expect(h.state).toBe('SYN_SENT');
    expect(h.lastOutcome?.kind).toBe('block');
  });

  it('SYN,ACK acking our SYN → ESTABLISHED, sends ACK (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.state).toBe('ESTABLISHED');
    // The peer offered no window scale, so neither side scales (RFC 7323 §2.2).
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
  });

  it('RST with an acceptable ACK → CLOSED, connect() fails with ECONNREFUSED (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(20).deliver({ flags: 'RST,ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    const o = h.lastOutcome!;
    expect(o.kind === 'block' && o.retry()).toEqual({ kind: 'done', error: 'ECONNREFUSED' });
  });

  it('linux profile: SYN retransmitted at 1,2,3,4,5,7 s then ETIMEDOUT at 11 s', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    const times: number[] = [];
    for (let t = 0; t <= 20_000; t += 1) {
      h.at(t);
      if (h.sent.length) { times.push(h.now); h.takeSent(); }
      if (h.state === 'CLOSED') break;
    }
    expect(times).toEqual([1000, 2000, 3000, 4000, 5000, 7000]);
    expect(h.now).toBe(11000);
    expect(h.state).toBe('CLOSED');
    expect(h.settle()).toEqual({ error: 'ETIMEDOUT' });
  });

  it('rfc profile: SYN retransmissions double (RFC 6298 §5.5): 1, 3, 7, 15, 31, 63 s, give up at 127 s', () => {
    const h = new TcpHarness({ profile: 'rfc' }).synSent();
    h.takeSent();
    const times: number[] = [];
    for (let t = 0; t <= 200_000; t += 1000) {
      h.at(t);
      if (h.sent.length) { times.push(h.now); h.takeSent(); }
      if (h.state === 'CLOSED') break;
    }
    expect(times).toEqual([1000, 3000, 7000, 15000, 31000, 63000]);
    expect(h.now).toBe(127000);
    expect(h.settle()).toEqual({ error: 'ETIMEDOUT' });
  });
});

describe('SYN-SENT: acceptability and options', () => {
  it('SYN,ACK whose ACK does not cover our SYN (SEG.ACK =< ISS) is answered <SEQ=SEG.ACK><CTL=RST>, state unchanged (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 0, opts: { mss: 1460 } });
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 0, ack: 0, len: 0, win: 0 }]);
    expect(h.state).toBe('SYN_SENT');
  });

  it('SYN,ACK acking beyond SND.NXT is answered with RST, state unchanged (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 5, opts: { mss: 1460 } });
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 5, ack: 0, len: 0, win: 0 }]);
    expect(h.state).toBe('SYN_SENT');
  });

  it('RST without ACK is ignored (RFC 9293 §3.10.7.3 "If the ACK bit is off … drop")', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.state).toBe('SYN_SENT');
    expect(h.takeSent()).toEqual([]);
  });

  it('RST with an unacceptable ACK is dropped without reply (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 7 });
    expect(h.state).toBe('SYN_SENT');
    expect(h.takeSent()).toEqual([]);
  });

  it('a bare ACK (no SYN) with an acceptable ACK is dropped (RFC 9293 §3.10.7.3 fifth)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('SYN_SENT');
    expect(h.takeSent()).toEqual([]);
  });

  it('effective send MSS = min(peer MSS, our MSS, MTU − 40) (RFC 9293 §3.7.1)', () => {
    const h = new TcpHarness({}, { peerMss: 9000, mtu: 1000 }).established();
    expect(h.sock.mss).toBe(960);
    h.sock.nodelay = true;
    h.send(2000);
    expect(h.takeSent().map((s) => s.len)).toEqual([960, 960, 80]);
  });

  it('no MSS option from the peer: the send MSS defaults to 536 (RFC 9293 §3.7.1, RFC 1122 §4.2.2.6)', () => {
    const h = new TcpHarness({}, { peerMss: null }).established();
    expect(h.sock.mss).toBe(536);
    h.send(600);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 536], [537, 64]]);
  });

  it('ISN: every connection picks a fresh initial sequence number from the host RNG (RFC 9293 §3.4.1)', () => {
    const h = new TcpHarness();
    const isns = new Set<number>();
    for (let port = 5000; port < 5010; port++) {
      const s = h.stack.createSocket();
      h.stack.bind(s, '10.0.0.2', port);
      h.stack.connect(s, '10.0.0.1', 80);
      isns.add(s.iss);
      expect(h.sent.at(-1)!.tcp!.seq).toBe(s.iss);
    }
    expect(isns.size).toBe(10);
  });

  it('the handshake gives the first RTT sample: linux RTO = SRTT + max(4·RTTVAR, 200) (RFC 6298 §2.2)', () => {
    const h = new TcpHarness().synSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.lastCwnd()).toMatchObject({ srtt: 20, rttvar: 10, rto: 220 });
  });

  it('rfc profile: RTO = max(1 s, SRTT + 4·RTTVAR) after the handshake sample (RFC 6298 §2.2, §2.4)', () => {
    const h = new TcpHarness({ profile: 'rfc' }).synSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.lastCwnd()).toMatchObject({ srtt: 20, rttvar: 10, rto: 1000 });
  });

  it("Karn's rule: a SYN,ACK after a retransmitted SYN gives no RTT sample; RTO becomes 3 s (RFC 6298 §3, §5.7)", () => {
    const h = new TcpHarness().synSent();
    h.at(1000); // the SYN is retransmitted
    h.at(1020).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.state).toBe('ESTABLISHED');
    const c = h.lastCwnd();
    expect(c.srtt).toBeUndefined();
    expect(c.rto).toBe(3000);
  });

  it('non-blocking connect() returns EINPROGRESS; a second connect() while SYN_SENT is EALREADY', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    expect(h.settle()).toEqual({ error: 'EINPROGRESS' });
    expect(h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)))).toEqual({ error: 'EALREADY' });
  });

  it('close() in SYN_SENT → CLOSED without sending anything (RFC 9293 §3.10.4)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.close();
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual([]);
  });

  it('send() while SYN_SENT waits for the handshake, then the data goes out (RFC 9293 §3.10.2 "queue the data")', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    expect(h.send('hi').kind).toBe('block');
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.settle()).toEqual({ result: 2 });
    expect(h.takeSent()).toEqual([
      { flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 },
      { flags: 'PSH,ACK', seq: 1, ack: 1, len: 2, win: 65535 },
    ]);
  });
});

describe('SYN-SENT: simultaneous open (RFC 9293 §3.5 Figure 8)', () => {
  it('a SYN without ACK → SYN_RECEIVED, sends SYN,ACK <SEQ=ISS><ACK=RCV.NXT> (RFC 9293 §3.10.7.3)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(10).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    expect(h.state).toBe('SYN_RECEIVED');
    // It repeats our SYN's options (the SYN already offered wscale 7); scaling stays off because
    // the peer did not offer it (RFC 7323 §2.2).
    expect(h.takeSent()).toEqual([{ flags: 'SYN,ACK', seq: 0, ack: 1, len: 0, win: 65535, opts: { mss: 1460, wscale: 7 } }]);
    expect([h.sock.sndShift, h.sock.rcvShift]).toEqual([0, 0]);
  });

  it("then the peer's SYN,ACK → ESTABLISHED and an ACK goes back (Linux self-connect on loopback: S, S., then . ack)", () => {
    // tcpdump -i lo of a socket connecting to its own port on Linux 6.18:
    //   Flags [S], seq X · Flags [S.], seq X, ack X+1 · Flags [.], ack X+1 (with a D-SACK of the old SYN)
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(10).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    h.takeSent();
    h.at(20).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.stateChanges()).toEqual([['CLOSED', 'SYN_SENT'], ['SYN_SENT', 'SYN_RECEIVED'], ['SYN_RECEIVED', 'ESTABLISHED']]);
  });

  it('or a plain ACK of our SYN completes it the RFC way (RFC 9293 §3.10.7.4 SYN-RECEIVED)', () => {
    const h = new TcpHarness().synSent();
    h.takeSent();
    h.at(10).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    h.takeSent();
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([]);
    expect(h.settle()).toEqual({ result: 0 });
  });
});
