// When TCP sends a reset (RFC 9293 §3.5.2, §3.10.7.1; Linux tcp_close / tcp_send_active_reset).
import { describe, expect, it } from 'vitest';
import { LOCAL_PORT, PEER_PORT, TcpHarness } from './harness';

describe('RST: no socket for the segment (RFC 9293 §3.10.7.1 CLOSED)', () => {
  it('a SYN to a port nobody listens on → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
    const h = new TcpHarness();
    h.deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    expect(h.sent).toHaveLength(1);
    const r = h.sent[0].tcp!;
    expect([r.flags, r.seq, r.ack - h.peerIss, r.srcPort, r.dstPort]).toEqual([0x14, 0, 1, LOCAL_PORT, PEER_PORT]);
  });

  it('a data segment with ACK to no connection → <SEQ=SEG.ACK><CTL=RST>', () => {
    const h = new TcpHarness();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 0, payload: 'abc' });
    const r = h.sent[0].tcp!;
    expect([r.flags, r.seq]).toEqual([0x04, 0]);
  });

  it('a data segment without ACK to no connection → RST,ACK acknowledging its length', () => {
    const h = new TcpHarness();
    h.deliver({ flags: 'PSH', seq: 0, payload: 'abcd' });
    const r = h.sent[0].tcp!;
    expect([r.flags, r.seq, r.ack - h.peerIss]).toEqual([0x14, 0, 5]);
  });

  it('a RST to no connection is never answered', () => {
    const h = new TcpHarness();
    h.deliver({ flags: 'RST', seq: 0 });
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 0 });
    expect(h.sent).toEqual([]);
  });
});

describe('RST: abortive close (SO_LINGER with l_linger = 0)', () => {
  it('close() sends RST,ACK <SEQ=SND.NXT> at once, discards unsent data and skips TIME_WAIT', () => {
    const h = new TcpHarness({}, { peerWindow: 100 }).established();
    h.sock.linger = 0;
    h.send(500);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 100]]);
    h.at(5).close();
    expect(h.takeSent()).toEqual([{ flags: 'RST,ACK', seq: 101, ack: 1, len: 0, win: 65535 }]);
    expect(h.state).toBe('CLOSED');
    expect(h.stateChanges().at(-1)).toEqual(['ESTABLISHED', 'CLOSED']);
    expect(h.timers()).toEqual([]);
    expect(h.sock.sendBuf.length).toBe(0);
  });

  it('SO_LINGER 0 in CLOSE_WAIT also resets instead of sending FIN', () => {
    const h = new TcpHarness().closeWait();
    h.sock.linger = 0;
    h.close();
    expect(h.takeSent()).toEqual([{ flags: 'RST,ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
    expect(h.state).toBe('CLOSED');
  });

  it('a non-zero linger time closes gracefully with FIN', () => {
    const h = new TcpHarness().established();
    h.sock.linger = 5;
    h.close();
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
  });
});

describe('RST: close() with unread data (RFC 2525 §2.17; Linux tcp_close "data_was_unread")', () => {
  it('ESTABLISHED with unread bytes: RST,ACK instead of FIN, CLOSED at once', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'unread' });
    h.takeSent();
    h.close();
    // Linux on loopback: "Flags [R.], seq 1, ack 7".
    expect(h.takeSent()).toEqual([{ flags: 'RST,ACK', seq: 1, ack: 7, len: 0, win: 65529 }]);
    expect(h.state).toBe('CLOSED');
  });

  it('LAST_ACK with unread bytes (peer FIN and our FIN sent, no ACK yet): close() resets too (Linux checks data_was_unread before the state)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'FIN,PSH,ACK', seq: 0, ack: 1, payload: 'unread' });
    h.shutdown('wr');
    expect(h.state).toBe('LAST_ACK');
    h.takeSent();
    h.close();
    expect(h.takeSent().map((x) => x.flags)).toEqual(['RST,ACK']);
    expect(h.state).toBe('CLOSED');
  });

  it('after reading everything, close() sends FIN as usual', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'read' });
    h.recv();
    h.takeSent();
    h.close();
    // The whole buffer is free again, so the window reopens fully.
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 5, len: 0, win: 65535 }]);
  });
});
