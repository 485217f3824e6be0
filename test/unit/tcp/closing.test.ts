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

  it('RST → CLOSED', () => {
    const h = new TcpHarness().closing();
    h.deliver({ flags: 'RST', seq: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.timers()).toEqual([]);
  });
});
