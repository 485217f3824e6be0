// The socket calls' errno semantics on TCP sockets, as Linux reports them (each case was checked
// with Python on Linux 6.18 over loopback; see the comments).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';
import { tcpConnect } from '../../../src/sim/api/tcpCalls';

describe('errno on a never-connected socket', () => {
  it('send() → EPIPE, recv() → ENOTCONN, shutdown() → ENOTCONN, accept() → EINVAL (Linux: same)', () => {
    const h = new TcpHarness().fresh();
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    expect(h.settle(h.recv())).toEqual({ error: 'ENOTCONN' });
    expect(h.settle(h.shutdown('wr'))).toEqual({ error: 'ENOTCONN' });
    expect(h.settle(h.accept())).toEqual({ error: 'EINVAL' });
  });

  it('non-blocking recv() on a connection with nothing queued → EAGAIN', () => {
    const h = new TcpHarness().established();
    h.sock.nonblock = true;
    expect(h.settle(h.recv())).toEqual({ error: 'EAGAIN' });
  });
});

describe('errno around connect() and listen()', () => {
  it('connect() on a listening socket → EISCONN (Linux: EISCONN)', () => {
    const h = new TcpHarness().listen();
    expect(h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)))).toEqual({ error: 'EISCONN' });
  });

  it('connect() on a connected socket → EISCONN; listen() on it → EINVAL', () => {
    const h = new TcpHarness().established();
    expect(h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)))).toEqual({ error: 'EISCONN' });
    expect(h.stack.listen(h.sock, 5)).toBe('EINVAL');
  });

  it('refused: connect() → ECONNREFUSED; then recv() → ENOTCONN and send() → EPIPE (Linux: same)', () => {
    const h = new TcpHarness().synSent();
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 1 });
    expect(h.settle()).toEqual({ error: 'ECONNREFUSED' });
    expect(h.settle(h.recv())).toEqual({ error: 'ENOTCONN' });
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
  });
});

describe('non-blocking connect() (Linux __inet_stream_connect; checked with Python connect_ex)', () => {
  it('EINPROGRESS, then EALREADY while the handshake runs, 0 once established, then EISCONN', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    const again = () => h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)));
    expect(h.settle()).toEqual({ error: 'EINPROGRESS' });
    expect(again()).toEqual({ error: 'EALREADY' });
    h.deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
    expect(again()).toMatchObject({ result: 0 });
    expect(again()).toEqual({ error: 'EISCONN' });
  });

  it('refused: the next connect() reports ECONNREFUSED, the one after starts a new attempt', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 1 });
    const again = () => h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)));
    expect(again()).toEqual({ error: 'ECONNREFUSED' });
    h.takeSent();
    expect(again()).toEqual({ error: 'EINPROGRESS' });
    expect(h.takeSent().map((s) => s.flags)).toEqual(['SYN']);
  });

  it('refused: recv() reports ECONNREFUSED first; a later connect() then gets ECONNABORTED', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 1 });
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNREFUSED' });
    expect(h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)))).toEqual({ error: 'ECONNABORTED' });
  });

  it('refused: send() reports ECONNREFUSED, then EPIPE; recv() then returns 0', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    h.deliver({ flags: 'RST,ACK', seq: 0, ack: 1 });
    expect(h.settle(h.send('x'))).toEqual({ error: 'ECONNREFUSED' });
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('send() on a non-blocking socket still in SYN_SENT → EAGAIN (sk_stream_wait_connect)', () => {
    const h = new TcpHarness();
    h.configure = (s) => { s.nonblock = true; };
    h.synSent();
    expect(h.settle(h.send('x'))).toEqual({ error: 'EAGAIN' });
  });

  it('connect() on a socket whose connection was reset → EISCONN (Linux keeps SS_CONNECTED)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.settle(h.call((s) => tcpConnect(h.stack, s, '10.0.0.1', 40000)))).toEqual({ error: 'EISCONN' });
  });
});

describe('errno after a reset (RFC 9293 §3.10.7.4 "reset" responses, Linux sk_err)', () => {
  it('send() after a RST: ECONNRESET once, then EPIPE (Linux: "Connection reset by peer", then "Broken pipe")', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.settle(h.send('x'))).toEqual({ error: 'ECONNRESET' });
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('a blocked recv() is woken by the RST and fails with ECONNRESET', () => {
    const h = new TcpHarness().established();
    expect(h.recv().kind).toBe('block');
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.settle()).toEqual({ error: 'ECONNRESET' });
  });

  it('a send() blocked on a full buffer fails with ECONNRESET when the RST arrives … or returns what it copied', () => {
    const h = new TcpHarness({ sndbuf: 100 }, { peerWindow: 0 }).established();
    const o = h.send(50);
    expect(h.settle(o)).toEqual({ result: 50 });
    expect(h.send(100).kind).toBe('block'); // 50 more fit
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.settle()).toEqual({ result: 50 });
  });
});

describe('errno after shutdown()', () => {
  it('send() after shutdown(SHUT_WR) → EPIPE; the socket still receives (half-close)', () => {
    const h = new TcpHarness().established();
    h.shutdown('wr');
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 2, payload: 'in' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 2, data: 'in' } });
  });

  it('recv() after shutdown(SHUT_RD) returns 0 (Linux: b"")', () => {
    const h = new TcpHarness().established();
    h.shutdown('rd');
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([]);
  });

  it('after shutdown(SHUT_RD) queued and later data is still read, then 0; close() then sends a FIN, not a RST (Linux; checked with Python on loopback)', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'first' });
    h.shutdown('rd');
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 5, data: 'first' } });
    h.deliver({ flags: 'PSH,ACK', seq: 5, ack: 1, payload: 'second' });
    expect(h.state).toBe('ESTABLISHED');
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 6, data: 'second' } });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
    h.takeSent();
    h.close();
    expect(h.takeSent().map((x) => x.flags)).toEqual(['FIN,ACK']);
  });

  it('shutdown(SHUT_RDWR) sends the FIN and both directions are shut', () => {
    const h = new TcpHarness().established();
    h.shutdown('rdwr');
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 1, len: 0, win: 65535 }]);
    expect(h.settle(h.send('x'))).toEqual({ error: 'EPIPE' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });
});
