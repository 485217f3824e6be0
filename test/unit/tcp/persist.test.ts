// The persist timer and zero-window probes (RFC 9293 §3.8.6.1; Linux tcp_probe_timer / tcp_write_wakeup).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';

/** 2000 bytes to send, the peer takes 1000 and closes its window; all at t = 0 (RTT 0). */
function zeroWindow(profile: 'linux' | 'rfc'): TcpHarness {
  const h = new TcpHarness({ profile, nagle: false }, { peerWindow: 1000 }).established();
  h.send(2000);
  h.deliver({ flags: 'ACK', seq: 0, ack: 1001, win: 0 });
  h.takeSent();
  return h;
}

describe('zero window: persist timer', () => {
  it('linux: probes are empty ACKs with seq = SND.UNA − 1 at 200, 600, 1400 ms (backoff doubles)', () => {
    const h = zeroWindow('linux');
    expect(h.timers()).toEqual(['persist']);
    const probes: Array<[number, unknown]> = [];
    for (let t = 0; t <= 1500; t += 100) {
      h.at(t);
      for (const s of h.takeSent()) probes.push([h.now, s]);
      // The peer answers every probe: still no room.
      if (probes.length && probes.at(-1)![0] === h.now) h.deliver({ flags: 'ACK', seq: 0, ack: 1001, win: 0 });
    }
    const probe = { flags: 'ACK', seq: 1000, ack: 1, len: 0, win: 65535 };
    expect(probes).toEqual([[200, probe], [600, probe], [1400, probe]]);
  });

  it('rfc: probes carry 1 byte of new data at SND.NXT, at 1, 3, 7 s (RTO floor 1 s, RFC 6298 §2.4)', () => {
    const h = zeroWindow('rfc');
    const probes: Array<[number, unknown]> = [];
    for (let t = 0; t <= 8000; t += 500) {
      h.at(t);
      for (const s of h.takeSent()) probes.push([h.now, s]);
    }
    const probe = { flags: 'ACK', seq: 1001, ack: 1, len: 1, win: 65535 };
    expect(probes).toEqual([[1000, probe], [3000, probe], [7000, probe]]);
  });

  it('no RTO timer runs while probing, and the connection is never given up on (RFC 9293 §3.8.6.1)', () => {
    const h = zeroWindow('linux');
    h.at(600_000);
    expect(h.state).toBe('ESTABLISHED');
    expect(h.timers()).toEqual(['persist']);
  });

  it('a window update cancels the persist timer and the data flows', () => {
    const h = zeroWindow('linux');
    h.at(150).deliver({ flags: 'ACK', seq: 0, ack: 1001, win: 2000 });
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1001, ack: 1, len: 1000, win: 65535 }]);
    expect(h.timers()).toEqual(['rto']);
    // If that segment is lost, the RTO timer resends it (regression: no timer ran, the connection hung).
    h.at(350);
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1001, ack: 1, len: 1000, win: 65535 }]);
  });

  it('rfc: when the window opens by one byte the probe byte is accepted and acknowledged; the rest follows', () => {
    const h = zeroWindow('rfc');
    h.at(1000);
    h.takeSent();
    h.at(1010).deliver({ flags: 'ACK', seq: 0, ack: 1002, win: 1999 });
    expect(h.sock.sndUna).toBe((h.sock.iss + 1002) >>> 0);
    expect(h.takeSent()).toEqual([{ flags: 'PSH,ACK', seq: 1002, ack: 1, len: 999, win: 65535 }]);
  });
});

describe('zero window: the receiving side', () => {
  it("answers a Linux-style probe (SEG.SEQ = RCV.NXT − 1) with an ACK repeating the zero window", () => {
    const h = new TcpHarness({ rcvbuf: 1000 }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1000 });
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 999, ack: 1 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1001, len: 0, win: 0 }]);
  });

  it('answers a one-byte probe with an ACK and does not take the byte (RFC 9293 §3.10.7.4 first: RCV.WND = 0)', () => {
    const h = new TcpHarness({ rcvbuf: 1000 }).established();
    h.deliver({ flags: 'ACK', seq: 0, ack: 1, len: 1000 });
    h.takeSent();
    h.deliver({ flags: 'ACK', seq: 1000, ack: 1, len: 1 });
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1001, len: 0, win: 0 }]);
    expect(h.sock.rcvQueue.length).toBe(1000);
  });
});
