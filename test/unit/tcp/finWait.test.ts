// Tests for FIN-WAIT-1 and FIN-WAIT-2 (RFC 9293 §3.10.7.4), with Linux's rules for orphaned
// sockets (data after close() → RST; tcp_fin_timeout for an orphaned FIN-WAIT-2).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('FIN-WAIT-1', () => {
  it('ACK of our FIN → FIN_WAIT_2, nothing sent (RFC 9293 §3.10.7.4 "In addition to the processing for ESTABLISHED")', () => {
    const h = new TcpHarness().finWait1();
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('FIN_WAIT_2');
    expect(h.takeSent()).toEqual([]);
  });

  it('an ACK that does not cover the FIN keeps FIN_WAIT_1', () => {
    const h = new TcpHarness().finWait1();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('FIN_WAIT_1');
  });

  it('FIN not acking ours → CLOSING, ACK of their FIN (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness().finWait1();
    h.at(20).deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.state).toBe('CLOSING');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
  });

  it('FIN that also acks our FIN → TIME_WAIT directly, ACK sent, 2·MSL timer (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness().finWait1();
    h.at(20).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('TIME_WAIT');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
    expect(h.timers()).toEqual(['time-wait']);
    expect(h.stateChanges().slice(-2)).toEqual([['ESTABLISHED', 'FIN_WAIT_1'], ['FIN_WAIT_1', 'TIME_WAIT']]);
  });

  it('the FIN is retransmitted by the RTO timer with backoff (RFC 6298 §5.5)', () => {
    // The fixture's handshake took 0 ms: SRTT 0, RTTVAR 0, so the linux RTO is the 200 ms floor.
    const h = new TcpHarness().finWait1();
    h.at(199);
    expect(h.takeSent()).toEqual([]);
    h.at(200);
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    h.at(600);
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
  });

  it('data after close() → <SEQ=SEG.ACK><CTL=RST>, CLOSED (RFC 1122 §4.2.2.13; Linux "abort on data", loopback: "Flags [R], win 0")', () => {
    const h = new TcpHarness().finWait1();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 2, payload: 'late' });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 2, ack: 0, len: 0, win: 0 }]);
  });

  it('data after shutdown(SHUT_RDWR) → RST too, and the socket reports ECONNRESET (Linux: RCV_SHUTDOWN; checked with Python)', () => {
    const h = new TcpHarness().established();
    h.shutdown('rdwr');
    h.takeSent();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 2, payload: 'late' });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 2, ack: 0, len: 0, win: 0 }]);
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
  });

  it('after shutdown(SHUT_WR) data is still received and readable (half-close, RFC 9293 §3.6)', () => {
    const h = new TcpHarness().finWait1('shutdown');
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'still' });
    expect(h.state).toBe('FIN_WAIT_1');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 6, len: 0, win: 65530 }]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 5, data: 'still' } });
  });

  it('RST → CLOSED (RFC 9293 §3.10.7.4 second)', () => {
    const h = new TcpHarness().finWait1('shutdown');
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.state).toBe('CLOSED');
    expect(h.timers()).toEqual([]);
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
  });
});

describe('FIN-WAIT-2', () => {
  it('FIN → TIME_WAIT, ACK sent (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness().finWait2();
    h.at(50).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('TIME_WAIT');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
    expect(h.timers()).toEqual(['time-wait']);
  });

  it('linux: an orphaned FIN_WAIT_2 is closed after tcp_fin_timeout (60 s) without sending anything', () => {
    const h = new TcpHarness().at(10).finWait2();
    expect(h.timers()).toEqual(['fin-wait-2']);
    h.at(60_009);
    expect(h.state).toBe('FIN_WAIT_2');
    h.at(60_010);
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.stateChanges().at(-1)).toEqual(['FIN_WAIT_2', 'CLOSED']);
  });

  it('rfc: an orphaned FIN_WAIT_2 has no timer and waits for the FIN (RFC 9293 has no FIN-WAIT-2 timeout)', () => {
    const h = new TcpHarness({ profile: 'rfc' }).finWait2();
    expect(h.timers()).toEqual([]);
    h.at(3_600_000);
    expect(h.state).toBe('FIN_WAIT_2');
  });

  it('linux: after shutdown(SHUT_WR) (not orphaned) FIN_WAIT_2 has no timer: the application still reads', () => {
    const h = new TcpHarness().finWait2('shutdown');
    expect(h.timers()).toEqual([]);
    h.at(120_000).deliver({ flags: 'PSH,ACK', seq: 0, ack: 2, payload: 'more' });
    expect(h.state).toBe('FIN_WAIT_2');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 5, len: 0, win: 65531 }]);
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 4, data: 'more' } });
  });

  it('linux: close() after shutdown(SHUT_WR) in FIN_WAIT_2 starts the 60 s orphan timer', () => {
    const h = new TcpHarness().finWait2('shutdown');
    h.at(1000).close();
    expect(h.timers()).toEqual(['fin-wait-2']);
    h.at(61_000);
    expect(h.state).toBe('CLOSED');
  });

  it('data after close() → <SEQ=SEG.ACK><CTL=RST>, CLOSED (Linux "abort on data")', () => {
    const h = new TcpHarness().finWait2();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 2, payload: 'late' });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([{ flags: 'RST', seq: 2, ack: 0, len: 0, win: 0 }]);
  });

  it('RST → CLOSED', () => {
    const h = new TcpHarness().finWait2();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.state).toBe('CLOSED');
    expect(h.timers()).toEqual([]);
  });
});
