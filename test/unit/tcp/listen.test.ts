// Tests for the LISTEN state (RFC 9293 §3.10.7.2) and the listen backlog: the SYN queue of
// half-open children and the accept queue of established ones.
import { describe, expect, it } from 'vitest';
import { PEER_PORT, TcpHarness } from './harness';

describe('LISTEN', () => {
  it('SYN → a child in SYN_RECEIVED sends SYN,ACK with our MSS; the listener stays LISTEN (RFC 9293 §3.10.7.2)', () => {
    const h = new TcpHarness().listen();
    h.at(5).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    // No window scale: the peer did not offer it, so our SYN,ACK must not either (RFC 7323 §1.3).
    expect(h.takeSent()).toEqual([{ flags: 'SYN,ACK', seq: 0, ack: 1, len: 0, win: 65535, opts: { mss: 1460 } }]);
    expect(h.state).toBe('LISTEN');
    const child = h.listener!.synQueue[0];
    expect(child.state).toBe('SYN_RECEIVED');
    expect(h.records('state').filter((r) => r.sid === child.sid).map((r) => [r.from, r.to])).toEqual([['LISTEN', 'SYN_RECEIVED']]);
  });

  it('SYN offering window scale gets our scale back in the SYN,ACK (RFC 7323 §2.2)', () => {
    const h = new TcpHarness({}, { peerShift: 2 }).listen();
    h.deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460, wscale: 2 } });
    expect(h.takeSent()).toEqual([{ flags: 'SYN,ACK', seq: 0, ack: 1, len: 0, win: 65535, opts: { mss: 1460, wscale: 7 } }]);
  });

  it('an ACK to a listener is answered with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.2)', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'ACK', seq: 0, ack: 0 });
    expect(h.sent).toHaveLength(1);
    const rst = h.sent[0].tcp!;
    expect(rst.flags).toBe(0x04); // RST only
    expect(rst.seq).toBe(0); // SEG.ACK, which was our (non-existent connection's) ISS + 0 = 0 here
    expect(h.state).toBe('LISTEN');
  });

  it('a RST to a listener is ignored (RFC 9293 §3.10.7.2 "first check for an RST")', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'RST', seq: 0 });
    expect(h.takeSent()).toEqual([]);
    expect(h.state).toBe('LISTEN');
  });

  it('a segment with neither SYN, ACK nor RST is dropped (RFC 9293 §3.10.7.2 "fourth, other control or text")', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'PSH', seq: 0, payload: 'x' });
    expect(h.takeSent()).toEqual([]);
    expect(h.listener!.synQueue).toHaveLength(0);
  });

  it('the final ACK moves the child to ESTABLISHED and into the accept queue; accept() returns it', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    expect(h.accept().kind).toBe('block');
    h.takeSent();
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 1 });
    expect(h.takeSent()).toEqual([]);
    expect(h.listener!.synQueue).toHaveLength(0);
    expect(h.listener!.acceptQueue.map((c) => c.state)).toEqual(['ESTABLISHED']);
    const got = h.settle();
    expect(got).toEqual({ result: 4 });
    expect(h.listener!.acceptQueue).toHaveLength(0);
  });

  it('a connection reset while waiting in the accept queue is still returned by accept(); its data, then ECONNRESET, then 0 (Linux, checked with Python)', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'hi' });
    const child = h.listener!.acceptQueue[0];
    h.deliver({ flags: 'RST', seq: 2 });
    expect(child.state).toBe('CLOSED');
    expect(h.settle(h.accept())).toEqual({ result: 4 });
    h.sock = child;
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 2, data: 'hi' } });
    expect(h.settle(h.recv())).toEqual({ error: 'ECONNRESET' });
    expect(h.settle(h.recv())).toEqual({ result: { bytes: 0, data: '' } });
  });

  it('accept() on a non-blocking listener with nothing queued fails with EAGAIN', () => {
    const h = new TcpHarness().listen();
    h.listener!.nonblock = true;
    expect(h.settle(h.accept())).toEqual({ error: 'EAGAIN' });
  });

  it('close() of a listener: unaccepted established children are reset, half-open ones vanish (Linux inet_csk_listen_stop)', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'SYN', seq: -1, port: 40001, opts: { mss: 1460 } });
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, port: 40001 });
    h.deliver({ flags: 'SYN', seq: -1, port: 40002, opts: { mss: 1460 } });
    h.takeSent();
    const [est] = h.listener!.acceptQueue;
    const [half] = h.listener!.synQueue;
    h.close();
    expect(h.state).toBe('CLOSED');
    expect(est.state).toBe('CLOSED');
    expect(half.state).toBe('CLOSED');
    expect(h.sent.map((p) => [p.tcp!.dstPort, p.tcp!.flags])).toEqual([[40001, 0x14]]); // RST,ACK to the established one only
  });
});

describe('listen backlog (accept queue n+1 on Linux, n per the RFC reading)', () => {
  /** Complete handshakes from peer ports 40001.. and return what happened to each. */
  function connectMany(h: TcpHarness, n: number): string[] {
    const out: string[] = [];
    for (let i = 1; i <= n; i++) {
      const port = 40000 + i;
      h.deliver({ flags: 'SYN', seq: -1, port, opts: { mss: 1460 } });
      const reply = h.sent.filter((p) => p.tcp!.dstPort === port);
      if (reply.length === 0) { out.push('SYN dropped'); continue; }
      h.deliver({ flags: 'ACK', seq: 0, ack: 1, port });
      const c = h.stack.sockets().find((s) => s.remote?.port === port)!;
      out.push(c.state);
    }
    h.takeSent();
    return out;
  }

  it('linux: listen(1) accepts 2 connections, then drops SYNs silently (checked on Linux 6.18 with Python: ss shows 2 ESTAB, the rest SYN-SENT)', () => {
    const h = new TcpHarness().listen(1);
    expect(connectMany(h, 4)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'SYN dropped', 'SYN dropped']);
    expect(h.discarded).toHaveLength(2);
    expect(h.records('queue').at(-1)).toMatchObject({ acceptQueue: 2, acceptMax: 2 });
  });

  it('linux: listen(0) still accepts one connection (sk_acceptq_is_full is ack_backlog > max)', () => {
    const h = new TcpHarness().listen(0);
    expect(connectMany(h, 2)).toEqual(['ESTABLISHED', 'SYN dropped']);
  });

  it('rfc: listen(2) accepts exactly 2', () => {
    const h = new TcpHarness({ profile: 'rfc' }).listen(2);
    expect(connectMany(h, 3)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'SYN dropped']);
  });

  it('rfc: the SYN queue holds `backlog` half-open connections; the next SYN is dropped though the accept queue is empty', () => {
    const h = new TcpHarness({ profile: 'rfc' }).listen(2);
    for (const port of [40001, 40002, 40003]) h.deliver({ flags: 'SYN', seq: -1, port, opts: { mss: 1460 } });
    expect(h.sent.map((p) => p.tcp!.dstPort)).toEqual([40001, 40002]);
    expect(h.listener!.synQueue).toHaveLength(2);
    expect(h.discarded.map((p) => p.tcp!.srcPort)).toEqual([40003]);
  });

  it('linux: many half-open connections are all answered (a large SYN queue stands in for SYN cookies)', () => {
    const h = new TcpHarness().listen(1);
    for (let port = 40001; port <= 40010; port++) h.deliver({ flags: 'SYN', seq: -1, port, opts: { mss: 1460 } });
    expect(h.sent).toHaveLength(10);
    expect(h.listener!.synQueue).toHaveLength(10);
  });

  it('synOverflow "rst": a SYN at a full accept queue is answered with RST,ACK', () => {
    const h = new TcpHarness({ synOverflow: 'rst' }).listen(0);
    connectMany(h, 1);
    h.deliver({ flags: 'SYN', seq: -1, port: 40009, opts: { mss: 1460 } });
    expect(h.sent.map((p) => [p.tcp!.dstPort, p.tcp!.flags])).toEqual([[40009, 0x14]]);
  });

  /** listen(1) on Linux (accept queue 2): three SYNs get half-open children before two final ACKs
   *  fill the accept queue, so the third final ACK finds it full. */
  function thirdAckAtFullQueue(h: TcpHarness): number {
    const syn = (port: number) => h.deliver({ flags: 'SYN', seq: -1, port, opts: { mss: 1460 } });
    const ack = (port: number) => h.deliver({ flags: 'ACK', seq: 0, ack: 1, port });
    syn(40001); syn(40002); ack(40001); syn(40003); ack(40002);
    h.takeSent();
    expect(h.listener!.acceptQueue).toHaveLength(2);
    const iss = h.ourIss(40003);
    ack(40003);
    return iss;
  }

  it('a final ACK arriving at a full accept queue is dropped; the SYN,ACK is retransmitted and the retried ACK succeeds after accept()', () => {
    const h = new TcpHarness().listen(1);
    thirdAckAtFullQueue(h);
    const third = h.stack.sockets().find((s) => s.remote?.port === 40003)!;
    expect(third.state).toBe('SYN_RECEIVED');
    expect(h.discarded.map((p) => p.tcp!.srcPort)).toEqual([40003]);
    expect(h.takeSent()).toEqual([]);
    // The SYN,ACK timer (1 s) fires for the half-open child only.
    h.at(1000);
    expect(h.sent.map((p) => [p.tcp!.dstPort, p.tcp!.flags])).toEqual([[40003, 0x12]]);
    h.takeSent();
    expect(h.settle(h.accept())).toEqual({ result: 4 });
    h.at(1010).deliver({ flags: 'ACK', seq: 0, ack: 1, port: 40003 });
    expect(third.state).toBe('ESTABLISHED');
  });

  it('synOverflow "rst" (tcp_abort_on_overflow): a final ACK at a full accept queue is answered <SEQ=SEG.ACK><CTL=RST> and the child dropped', () => {
    const h = new TcpHarness({ synOverflow: 'rst' }).listen(1);
    const iss = thirdAckAtFullQueue(h);
    expect(h.sent.map((p) => [p.tcp!.dstPort, p.tcp!.flags, p.tcp!.seq])).toEqual([[40003, 0x04, (iss + 1) >>> 0]]);
    expect(h.stack.sockets().find((s) => s.remote?.port === 40003)).toBeUndefined();
  });

  it('a retransmitted SYN for a half-open child gets the SYN,ACK again, no second child', () => {
    const h = new TcpHarness().listen();
    h.deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    h.takeSent();
    h.at(500).deliver({ flags: 'SYN', seq: -1, opts: { mss: 1460 } });
    expect(h.takeSent()).toEqual([{ flags: 'SYN,ACK', seq: 0, ack: 1, len: 0, win: 65535, opts: { mss: 1460 } }]);
    expect(h.listener!.synQueue).toHaveLength(1);
    expect(h.stack.sockets().filter((s) => s.remote?.port === PEER_PORT)).toHaveLength(1);
  });
});
