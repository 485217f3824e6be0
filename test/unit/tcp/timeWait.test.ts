// Tests for TIME-WAIT (RFC 9293 §3.6.1, §3.10.7.4) and rebinding its port: EADDRINUSE and
// SO_REUSEADDR as Linux applies them (inet_csk_bind_conflict).
import { describe, expect, it } from 'vitest';
import { LOCAL_IP, LOCAL_PORT, TcpHarness } from './harness';

describe('TIME-WAIT', () => {
  it('linux: lasts 2·MSL = 60 s, then CLOSED without sending anything (RFC 9293 §3.6.1; Linux TCP_TIMEWAIT_LEN)', () => {
    const h = new TcpHarness().at(100).timeWait();
    expect(h.timers()).toEqual(['time-wait']);
    h.at(60_099);
    expect(h.state).toBe('TIME_WAIT');
    h.at(60_100);
    expect(h.state).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.stateChanges().at(-1)).toEqual(['TIME_WAIT', 'CLOSED']);
  });

  it('rfc: lasts 2·MSL = 240 s (MSL 2 minutes, RFC 9293 §3.4.2)', () => {
    const h = new TcpHarness({ profile: 'rfc' }).timeWait();
    h.at(239_999);
    expect(h.state).toBe('TIME_WAIT');
    h.at(240_000);
    expect(h.state).toBe('CLOSED');
  });

  it("a retransmitted FIN is acknowledged and restarts the 2·MSL timer (RFC 9293 §3.10.7.4 TIME-WAIT)", () => {
    const h = new TcpHarness().timeWait();
    h.at(30_000).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
    h.at(89_999);
    expect(h.state).toBe('TIME_WAIT');
    h.at(90_000);
    expect(h.state).toBe('CLOSED');
  });

  it('RST at RCV.NXT ends TIME_WAIT early (Linux tcp_timewait_state_process with tcp_rfc1337 = 0)', () => {
    const h = new TcpHarness().timeWait();
    h.deliver({ flags: 'RST', seq: 1 });
    expect(h.state).toBe('CLOSED');
    expect(h.timers()).toEqual([]);
  });

  it('segment text arriving in TIME_WAIT is ignored (RFC 9293 §3.10.7.4 seventh, TIME-WAIT)', () => {
    // Linux would also ACK it and restart the timer (tcp_timewait_state_process); the RFC reading is kept.
    const h = new TcpHarness().timeWait('shutdown');
    h.deliver({ flags: 'PSH,ACK', seq: 1, ack: 2, payload: 'x' });
    expect(h.sock.rcvQueue.length).toBe(0);
    expect(h.takeSent()).toEqual([]);
    expect(h.state).toBe('TIME_WAIT');
  });
});

describe('binding a port held by TIME_WAIT (checked on Linux 6.18 with Python over loopback)', () => {
  function rebind(oldReuse: boolean, newReuse: boolean): string | null {
    const h = new TcpHarness();
    h.configure = (s) => { s.reuseAddr = oldReuse; };
    h.timeWait();
    const n = h.stack.createSocket();
    n.reuseAddr = newReuse;
    return h.stack.bind(n, LOCAL_IP, LOCAL_PORT);
  }

  it('without SO_REUSEADDR bind() fails with EADDRINUSE during TIME_WAIT, and succeeds after it', () => {
    const h = new TcpHarness().timeWait();
    const n = h.stack.createSocket();
    expect(h.stack.bind(n, LOCAL_IP, LOCAL_PORT)).toBe('EADDRINUSE');
    expect(h.stack.bind(n, '0.0.0.0', LOCAL_PORT)).toBe('EADDRINUSE');
    h.at(60_000);
    expect(h.stack.bind(n, LOCAL_IP, LOCAL_PORT)).toBeNull();
  });

  it('SO_REUSEADDR: bind() succeeds only if both the old and the new socket set it (old 0/new 1 and old 1/new 0 fail)', () => {
    expect(rebind(false, false)).toBe('EADDRINUSE');
    expect(rebind(false, true)).toBe('EADDRINUSE');
    expect(rebind(true, false)).toBe('EADDRINUSE');
    expect(rebind(true, true)).toBeNull();
  });

  it('SO_REUSEADDR never shares a port with a listener', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.reuseAddr = true; };
    h.listen();
    const n = h.stack.createSocket();
    n.reuseAddr = true;
    expect(h.stack.bind(n, '0.0.0.0', LOCAL_PORT)).toBe('EADDRINUSE');
    expect(h.stack.bind(n, LOCAL_IP, LOCAL_PORT)).toBe('EADDRINUSE');
  });

  it('two bound (not listening) SO_REUSEADDR sockets share a port; the first listen() wins, the second gets EADDRINUSE', () => {
    const h = new TcpHarness();
    const a = h.stack.createSocket();
    const b = h.stack.createSocket();
    a.reuseAddr = true;
    b.reuseAddr = true;
    expect(h.stack.bind(a, LOCAL_IP, 8080)).toBeNull();
    expect(h.stack.bind(b, LOCAL_IP, 8080)).toBeNull();
    expect(h.stack.listen(a, 5)).toBeNull();
    expect(h.stack.listen(b, 5)).toBe('EADDRINUSE');
  });

  it('bind() twice on one socket is EINVAL; a port in use without SO_REUSEADDR is EADDRINUSE', () => {
    const h = new TcpHarness();
    const a = h.stack.createSocket();
    const b = h.stack.createSocket();
    expect(h.stack.bind(a, LOCAL_IP, 8080)).toBeNull();
    expect(h.stack.bind(a, LOCAL_IP, 8081)).toBe('EINVAL');
    expect(h.stack.bind(b, '0.0.0.0', 8080)).toBe('EADDRINUSE');
  });
});
