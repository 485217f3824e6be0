// Tests for CLOSING (RFC 9293 §3.10.7.4): both FINs crossed (simultaneous close, §3.6 Figure 13).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('CLOSING (simultaneous close)', () => {
  it('ACK of our FIN → TIME_WAIT with the 2·MSL timer (RFC 9293 §3.10.7.4 fifth, CLOSING)', () => {
    const h = new TcpHarness().closing();
    expect(h.stateChanges().slice(-2)).toEqual([['ESTABLISHED', 'FIN_WAIT_1'], ['FIN_WAIT_1', 'CLOSING']]);
    h.at(20).deliver({ flags: 'ACK', seq: 1, ack: 2 });
    expect(h.state).toBe('TIME_WAIT');
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual(['time-wait']);
  });

  it('an ACK that does not cover our FIN keeps CLOSING', () => {
    const h = new TcpHarness().closing();
    h.deliver({ flags: 'ACK', seq: 1, ack: 1 });
    expect(h.state).toBe('CLOSING');
  });

  it('our FIN is retransmitted by the RTO timer while CLOSING', () => {
    const h = new TcpHarness().closing();
    h.at(200);
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
  });

  it("the peer's retransmitted FIN (our ACK was lost) is acknowledged again, CLOSING kept (RFC 9293 §3.10.7.4 first)", () => {
    const h = new TcpHarness().closing();
    h.at(200).deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    // Our own FIN is also due for retransmission at 200 ms (RTO floor): both go out.
    expect(h.takeSent()).toEqual([
      { flags: 'FIN,ACK', seq: 1, ack: 2, len: 0, win: 65535 },
      { flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 },
    ]);
    expect(h.state).toBe('CLOSING');
  });

  it('linux: their retransmitted FIN carrying the ACK of ours ends CLOSING → TIME_WAIT (tcp_sequence: end_seq ≥ rcv_wup)', () => {
    const h = new TcpHarness().closing();
    h.at(100).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('TIME_WAIT');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
  });

  it('rfc: that old segment is unacceptable and dropped, ACK field and all (RFC 9293 §3.10.7.4 first); our FIN waits for its ACK', () => {
    const h = new TcpHarness({ profile: 'rfc' }).closing();
    h.at(100).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('CLOSING');
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
  });

  it('RST → CLOSED', () => {
    const h = new TcpHarness().closing();
    h.deliver({ flags: 'RST', seq: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.timers()).toEqual([]);
  });
});
