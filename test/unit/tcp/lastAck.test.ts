// Tests for LAST-ACK (RFC 9293 §3.10.7.4): our FIN is out after the peer's; waiting for its ACK.
import { describe, expect, it } from 'vitest';
import { LOCAL_IP, LOCAL_PORT, TcpHarness } from './harness';

describe('LAST-ACK', () => {
  it('ACK of our FIN → CLOSED; timers stop and the port is free again (RFC 9293 §3.10.7.4 fifth)', () => {
    const h = new TcpHarness().lastAck();
    h.at(20).deliver({ flags: 'ACK', seq: 1, ack: 2 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual([]);
    const again = h.stack.createSocket();
    expect(h.stack.bind(again, LOCAL_IP, LOCAL_PORT)).toBeNull();
  });

  it('an ACK that does not cover the FIN keeps LAST_ACK', () => {
    const h = new TcpHarness().lastAck();
    h.deliver({ flags: 'ACK', seq: 1, ack: 1 });
    expect(h.state).toBe('LAST_ACK');
  });

  it('the FIN is retransmitted with exponential backoff (RFC 6298 §5.5): 200, 600, 1400 ms', () => {
    const h = new TcpHarness().lastAck();
    const times: number[] = [];
    for (let t = 0; t <= 1500; t += 100) {
      h.at(t);
      for (const s of h.takeSent()) { expect(s).toEqual({ flags: 'FIN,ACK', seq: 1, ack: 2, len: 0, win: 65535 }); times.push(h.now); }
    }
    expect(times).toEqual([200, 600, 1400]);
  });

  it('after tcp.retries retransmissions without an ACK the connection is dropped (RFC 9293 §3.8.3 R2)', () => {
    const h = new TcpHarness({ retries: 3 }).lastAck();
    let fins = 0;
    for (let t = 0; t <= 10_000 && h.state !== 'CLOSED'; t += 100) {
      h.at(t);
      fins += h.takeSent().length;
    }
    expect(fins).toBe(3);
    expect(h.state).toBe('CLOSED');
    // 200 + 400 + 800 + 1600: the fourth expiry gives up.
    expect(h.now).toBe(3000);
  });

  it('RST → CLOSED', () => {
    const h = new TcpHarness().lastAck();
    h.deliver({ flags: 'RST', seq: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
  });
});
