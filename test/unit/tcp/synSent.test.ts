// Tests for the SYN-SENT state (RFC 9293 §3.10.7.3).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

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
  });
});
