// Retransmission timeout (RFC 6298): SRTT/RTTVAR, both profiles' floors, Karn's rule, exponential
// backoff, the RTO's effect on cwnd (RFC 5681 §3.1) and giving up (RFC 9293 §3.8.3).
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';
import type { TcpOptionsInput } from '../../../src/scenarios/schema';

/** ESTABLISHED with a 10 ms handshake RTT: SRTT 10, RTTVAR 5. */
function est10(opts: TcpOptionsInput = {}): TcpHarness {
  const h = new TcpHarness({ nagle: false, ...opts }).synSent();
  h.at(10).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: 1460 } });
  h.takeSent();
  return h;
}

describe('RTO computation (RFC 6298 §2)', () => {
  it('first sample R: SRTT = R, RTTVAR = R/2; linux RTO = SRTT + max(4·RTTVAR, 200) = 210 ms', () => {
    const h = est10();
    expect(h.lastCwnd()).toMatchObject({ srtt: 10, rttvar: 5, rto: 210 });
  });

  it('rfc: RTO = max(1 s, SRTT + max(G, 4·RTTVAR)) = 1000 ms (RFC 6298 §2.4)', () => {
    const h = est10({ profile: 'rfc' });
    expect(h.lastCwnd()).toMatchObject({ srtt: 10, rttvar: 5, rto: 1000 });
  });

  it('the floors differ in where they apply: rtoMin 200 gives rfc 200 ms (whole RTO) but linux 210 ms (variance term)', () => {
    expect(est10({ profile: 'rfc', rtoMin: 200 }).lastCwnd().rto).toBe(200);
    expect(est10({ profile: 'linux', rtoMin: 200 }).lastCwnd().rto).toBe(210);
    expect(est10({ profile: 'rfc', rtoFloor: 'variance' }).lastCwnd().rto).toBe(1010);
  });

  it('later samples: RTTVAR = 3/4·RTTVAR + 1/4·|SRTT − R|, then SRTT = 7/8·SRTT + 1/8·R (RFC 6298 §2.3)', () => {
    const h = est10();
    h.at(100).send('x');
    h.at(150).deliver({ flags: 'ACK', seq: 0, ack: 2 }); // R = 50
    // RTTVAR = 3.75 + 10 = 13.75; SRTT = 8.75 + 6.25 = 15; RTO = 15 + max(55, 200) = 215.
    expect(h.lastCwnd()).toMatchObject({ srtt: 15, rttvar: 13.75, rto: 215 });
    h.at(200).send('y');
    h.at(300).deliver({ flags: 'ACK', seq: 0, ack: 3 }); // R = 100
    // RTTVAR = 10.3125 + 21.25 = 31.5625; SRTT = 13.125 + 12.5 = 25.625; RTO = 25.625 + max(126.25, 200).
    expect(h.lastCwnd()).toMatchObject({ srtt: 25.625, rttvar: 31.563, rto: 225.625 });
  });

  it('the RTO is capped at rtoMax (RFC 6298 §2.5)', () => {
    const h = est10({ rtoMax: 150, rtoMin: 100 });
    expect(h.lastCwnd().rto).toBe(110);
    h.at(20).send('x');
    h.at(1020).deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.lastCwnd().rto).toBe(150);
  });
});

describe('retransmission timer (RFC 6298 §5)', () => {
  it('retransmits the first unacknowledged segment after RTO, doubling each time (§5.4, §5.5): 210, 420, 840 ms later', () => {
    const h = est10();
    h.at(100).send('abc');
    h.takeSent();
    const times: number[] = [];
    for (let t = 100; t <= 2000; t += 10) {
      h.at(t);
      for (const s of h.takeSent()) { expect(s).toEqual({ flags: 'PSH,ACK', seq: 1, ack: 1, len: 3, win: 65535 }); times.push(h.now); }
    }
    expect(times).toEqual([310, 730, 1570]);
  });

  it('a new ACK restarts the timer for what remains (§5.3)', () => {
    const h = est10();
    h.at(100).send(3000);
    h.takeSent();
    h.at(250).deliver({ flags: 'ACK', seq: 0, ack: 1461 });
    // RTT sample 150 ms: RTTVAR = 3.75 + 35 = 38.75, SRTT = 8.75 + 18.75 = 27.5, RTO = 27.5 + 200.
    expect(h.records('timer').at(-1)).toMatchObject({ timer: 'rto', event: 'set', at: 477.5 });
  });

  it("Karn's rule: the ACK of a retransmitted segment gives no RTT sample; the backed-off RTO stays (RFC 6298 §3, §5.7)", () => {
    const h = est10();
    h.at(100).send('a');
    h.at(310); // retransmitted; RTO now 420
    h.at(400).deliver({ flags: 'ACK', seq: 0, ack: 2 });
    expect(h.lastCwnd()).toMatchObject({ srtt: 10, rttvar: 5, rto: 420 });
    h.takeSent();
    // The next new segment is timed with the backed-off RTO, and its ACK is a valid sample.
    h.at(500).send('b');
    expect(h.records('timer').at(-1)).toMatchObject({ timer: 'rto', event: 'set', at: 920 });
    h.at(510).deliver({ flags: 'ACK', seq: 0, ack: 3 });
    expect(h.lastCwnd()).toMatchObject({ srtt: 10, rttvar: 3.75, rto: 210 });
  });

  it('backoff is capped at rtoMax (RFC 6298 §5.5 "a maximum value MAY be placed")', () => {
    const h = est10({ rtoMax: 1000 });
    h.at(100).send('a');
    h.takeSent();
    const times: number[] = [];
    for (let t = 100; t <= 5000; t += 10) {
      h.at(t);
      if (h.takeSent().length) times.push(h.now);
    }
    // 210, 420, 840 → 1000, 1000 …
    expect(times).toEqual([310, 730, 1570, 2570, 3570, 4570]);
  });

  it('gives up after tcp.retries retransmissions: CLOSED, no RST, recv() and send() reports ETIMEDOUT, then send() EPIPE', () => {
    const h = est10({ retries: 2 });
    h.at(100).send('a');
    h.takeSent();
    h.at(5000);
    expect(h.state).toBe('CLOSED');
    // Two retransmissions (310, 730); the third expiry (1570) gives up, sending nothing.
    expect(h.stateChanges().at(-1)).toEqual(['ESTABLISHED', 'CLOSED']);
    expect(h.records('state').at(-1)!.t).toBe(1570);
    expect(h.takeSent()).toHaveLength(2);
    expect(h.settle(h.recv())).toEqual({ error: 'ETIMEDOUT' });
    expect(h.settle(h.send('b'))).toEqual({ error: 'EPIPE' });
  });

  it('after an RTO, cwnd = 1 MSS and ssthresh = max(FlightSize/2, 2·MSS) (RFC 5681 §3.1 eq. 4); go-back-N resends in slow start', () => {
    const h = est10();
    h.at(100).send(4 * 1460);
    expect(h.takeSent()).toHaveLength(4);
    h.at(310);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: 1460, win: 65535 }]);
    expect(h.lastCwnd()).toMatchObject({ cwnd: 1460, ssthresh: 2920, phase: 'slow-start' });
    h.at(320).deliver({ flags: 'ACK', seq: 0, ack: 1461 });
    // cwnd 2920: the next two segments are resent.
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1461, 1460], [2921, 1460]]);
    expect(h.lastCwnd()).toMatchObject({ cwnd: 2920, ssthresh: 2920 });
  });
});
