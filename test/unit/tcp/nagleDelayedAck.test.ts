// Nagle's algorithm (RFC 896, RFC 9293 §3.7.4; Linux uses Minshall's variant) with TCP_NODELAY,
// and delayed ACKs (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2, RFC 5681 §4.2).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

describe('Nagle (RFC 896)', () => {
  it('a small segment goes at once when nothing is in flight; the next small one waits for the ACK', () => {
    for (const profile of ['linux', 'rfc'] as const) {
      const h = new TcpHarness({ profile }).established();
      h.at(10).send('a');
      expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1, ack: 1, len: 1, win: 65535 }]);
      h.at(11).send('b');
      h.at(12).send('c');
      expect(h.takeSent()).toEqual([]);
      // The ACK of "a" releases "bc" as one segment.
      h.at(30).deliver({ flags: 'ACK', seq: 0, ack: 2 });
      expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 2, ack: 1, len: 2, win: 65535 }]);
    }
  });

  it('linux (Minshall, tcp_nagle_check): the short tail of a write goes at once behind full-sized segments', () => {
    const h = new TcpHarness().established();
    h.send(3000);
    expect(h.takeSent()).toEqual([
      { flags: 'ACK', seq: 1, ack: 1, len: 1460, win: 65535 },
      { flags: 'ACK', seq: 1461, ack: 1, len: 1460, win: 65535 },
      { flags: 'PSH,ACK', seq: 2921, ack: 1, len: 80, win: 65535 },
    ]);
  });

  it('rfc (RFC 896): the short tail waits until all outstanding data is acknowledged', () => {
    const h = new TcpHarness({ profile: 'rfc' }).established();
    h.send(3000);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 1460], [1461, 1460]]);
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 1461 });
    expect(h.takeSent()).toEqual([]);
    h.at(21).deliver({ flags: 'ACK', seq: 0, ack: 2921 });
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 2921, ack: 1, len: 80, win: 65535 }]);
  });

  it('linux (Minshall): an unacknowledged small segment holds the next small one', () => {
    const h = new TcpHarness().established();
    h.send(1500); // 1460 + a 40-byte small segment
    h.takeSent();
    h.at(5).send('x');
    expect(h.takeSent()).toEqual([]);
    h.at(20).deliver({ flags: 'ACK', seq: 0, ack: 1461 });
    expect(h.takeSent()).toEqual([]); // the small 40-byte segment is still unacknowledged
    h.at(21).deliver({ flags: 'ACK', seq: 0, ack: 1501 });
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1501, ack: 1, len: 1, win: 65535 }]);
  });

  it('TCP_NODELAY sends every small write at once', () => {
    const h = new TcpHarness().established();
    h.sock.nodelay = true;
    h.send('a');
    h.send('b');
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 1], [2, 1]]);
  });

  it('nagle: false (the scenario option) behaves like TCP_NODELAY', () => {
    const h = new TcpHarness({ nagle: false }).established();
    h.send('a');
    h.send('b');
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1, 1], [2, 1]]);
  });

  it('close() does not wait for Nagle: the held bytes go with the FIN (Linux tcp_nagle_test: FIN is never delayed)', () => {
    const h = new TcpHarness().established();
    h.send('a');
    h.send('b');
    h.takeSent();
    h.close();
    expect(h.takeSent()).toEqual([{ flags: 'FIN,PSH,ACK', seq: 2, ack: 1, len: 1, win: 65535 }]);
  });
});

describe('delayed ACK (RFC 9293 §3.8.6.3)', () => {
  it('linux: a single segment is acknowledged after 40 ms (TCP_DELACK_MIN)', () => {
    const h = new TcpHarness({ delayedAck: true, quickAck: false }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 100 });
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toEqual(['delayed-ack']);
    h.at(139);
    expect(h.takeSent()).toEqual([]);
    h.at(140);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 101, len: 0, win: 65435 }]);
  });

  it('rfc: the delay is 200 ms (RFC 9293 allows up to 500 ms)', () => {
    const h = new TcpHarness({ profile: 'rfc', delayedAck: true }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 100 });
    h.at(299);
    expect(h.takeSent()).toEqual([]);
    h.at(300);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 101, len: 0, win: 65435 }]);
  });

  it('the second full-sized segment is acknowledged at once (RFC 9293 §3.8.6.3, RFC 5681 §4.2)', () => {
    const h = new TcpHarness({ delayedAck: true, quickAck: false }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1460 });
    expect(h.takeSent()).toEqual([]);
    h.deliver({ flags: 'ACK', seq: 1460, ack: 1, len: 1460 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 2921, len: 0, win: 62615 }]);
    expect(h.timers()).toEqual([]);
  });

  it('two small segments are not "every second full-sized segment": the ACK still waits for the timer', () => {
    const h = new TcpHarness({ delayedAck: true, quickAck: false }).established();
    h.at(0).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 10 });
    h.at(5).deliver({ flags: 'PSH,ACK', seq: 10, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([]);
    h.at(40);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 21, len: 0, win: 65515 }]);
  });

  it('data sent before the timer fires carries the ACK (piggybacking); the timer is cancelled', () => {
    const h = new TcpHarness({ delayedAck: true, quickAck: false }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'ping' });
    h.at(110).send('pong');
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1, ack: 5, len: 4, win: 65531 }]);
    expect(h.timers()).toEqual(['rto']);
    h.at(200);
    expect(h.takeSent()).toEqual([]);
  });

  /** Established, with one data byte received and read (so Linux's delayed-ACK engine is on). */
  const afterData = () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.at(50).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'x' });
    h.recv();
    h.takeSent();
    return h;
  };

  it('linux: the ACK of a FIN is delayed too, so a prompt close() sends one FIN,ACK (tcp_fin; real capture)', () => {
    const h = afterData();
    h.at(100).deliver({ flags: 'FIN,ACK', seq: 1, ack: 1 });
    expect(h.state).toBe('CLOSE_WAIT');
    expect(h.takeSent()).toEqual([]);
    h.at(101).close();
    expect(h.takeSent()).toEqual([{ flags: 'FIN,ACK', seq: 1, ack: 3, len: 0, win: 65535 }]);
    expect(h.state).toBe('LAST_ACK');
  });

  it('linux: an application that does not close gets the FIN acknowledged by the delayed-ACK timer', () => {
    const h = afterData();
    h.at(100).deliver({ flags: 'FIN,ACK', seq: 1, ack: 1 });
    h.at(139);
    expect(h.takeSent()).toEqual([]);
    h.at(140);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 3, len: 0, win: 65535 }]);
  });

  it('linux: a FIN before any data is acknowledged at the next timer tick (ATO still 0; 1 ms here, a real capture: 1.1 ms)', () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.at(100).deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.takeSent()).toEqual([]);
    h.at(101);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 2, len: 0, win: 65535 }]);
  });

  it('a FIN received in FIN-WAIT-2 is acknowledged at once (RFC 9293 §3.10.7.4 eighth)', () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.close();
    h.takeSent();
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.state).toBe('FIN_WAIT_2');
    h.at(20).deliver({ flags: 'FIN,ACK', seq: 0, ack: 2 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 2, ack: 2, len: 0, win: 65535 }]);
    expect(h.state).toBe('TIME_WAIT');
  });

  it('delayedAck off: every segment is acknowledged at once', () => {
    const h = new TcpHarness().established();
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 10 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 11, len: 0, win: 65525 }]);
  });
});

describe('Linux quick ACK and ping-pong mode (tcp_in_quickack_mode, inet_csk_in_pingpong_mode)', () => {
  it('with delayed ACK on, the first data segments of a connection are acknowledged at once', () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 100 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 101, len: 0, win: 65435 }]);
  });

  it('once the application answers within the ACK delay (interactive), ACKs wait to ride on its data', () => {
    const h = new TcpHarness({ delayedAck: true }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: 'ping' });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 5, len: 0, win: 65531 }]);
    h.at(101).send('pong'); // answers within 40 ms: ping-pong mode
    h.takeSent();
    h.at(150).deliver({ flags: 'PSH,ACK', seq: 4, ack: 5, payload: 'ping' });
    expect(h.takeSent()).toEqual([]); // delayed, not quick
    h.at(151).send('pong');
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 5, ack: 9, len: 4, win: 65527 }]); // 8 bytes unread
  });

  it('the rfc profile has no quick-ACK mode: the first segment waits for the 200 ms timer', () => {
    const h = new TcpHarness({ profile: 'rfc', delayedAck: true }).established();
    h.at(100).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 100 });
    expect(h.takeSent()).toEqual([]);
    h.at(300);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 101, len: 0, win: 65435 }]);
  });

  it('reading frees the window while a delayed ACK is pending: a window update goes at once (Linux tcp_cleanup_rbuf compares with the window still open, not the last one sent)', () => {
    const h = new TcpHarness({ delayedAck: true, rcvbuf: 4096 }).established();
    const data = 'x'.repeat(1000);
    h.at(10).deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, payload: data }); // quick ACK 1
    h.at(11).deliver({ flags: 'PSH,ACK', seq: 1000, ack: 1, payload: data }); // quick ACK 2
    h.takeSent();
    h.at(12).deliver({ flags: 'PSH,ACK', seq: 2000, ack: 1, payload: data }); // delayed: 1096 bytes still open
    expect(h.takeSent()).toEqual([]);
    expect(h.timers()).toContain('delayed-ack');
    h.at(13);
    h.recv(4096);
    const sent = h.takeSent();
    expect(sent.map((x) => [x.flags, x.ack])).toEqual([['ACK', 3001]]);
    expect(sent[0].win).toBeGreaterThanOrEqual(4000);
    expect(h.timers()).not.toContain('delayed-ack');
  });
});
