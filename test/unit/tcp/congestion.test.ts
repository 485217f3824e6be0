// Congestion control (RFC 5681): slow start, congestion avoidance, fast retransmit on the third
// duplicate ACK — with each of the five conditions of §2's definition shown to matter — and fast
// recovery, Reno (RFC 5681 §3.2) and NewReno partial ACKs (RFC 6582). cwnd/ssthresh come from
// the trace's cwnd records.
import { describe, expect, it } from 'vitest';
import { TcpHarness } from './harness';
import type { TcpOptionsInput } from '../../../src/scenarios/schema';

const MSS = 1460;

/** ESTABLISHED (handshake RTT 10 ms), then `segs` full segments sent at t = 100. */
function flight(segs: number, opts: TcpOptionsInput = {}, extra = 0): TcpHarness {
  const h = new TcpHarness({ nagle: false, ...opts }).synSent();
  h.at(10).deliver({ flags: 'SYN,ACK', seq: -1, ack: 1, opts: { mss: MSS } });
  h.at(100).send(segs * MSS + extra);
  h.takeSent();
  return h;
}

/** A pure duplicate ACK for our first byte (the first segment was lost). */
const dup = { flags: 'ACK', seq: 0, ack: 1 };

describe('slow start and congestion avoidance (RFC 5681 §3.1)', () => {
  it('IW = 10 segments; each ACK of a full segment adds one SMSS', () => {
    const h = flight(20);
    expect(h.lastCwnd()).toMatchObject({ cwnd: 10 * MSS, phase: 'slow-start' });
    h.at(110).deliver({ flags: 'ACK', seq: 0, ack: 1 + MSS });
    expect(h.lastCwnd().cwnd).toBe(11 * MSS);
    // cwnd grew by one MSS and one MSS left the network: two segments go out.
    expect(h.takeSent().map((s) => s.seq)).toEqual([1 + 10 * MSS, 1 + 11 * MSS]);
  });

  it('an ACK covering two segments adds min(N, SMSS) = one SMSS (RFC 5681 §3.1, L = 1)', () => {
    const h = flight(20);
    h.at(110).deliver({ flags: 'ACK', seq: 0, ack: 1 + 2 * MSS });
    expect(h.lastCwnd().cwnd).toBe(11 * MSS);
  });

  it('at cwnd ≥ ssthresh growth is one SMSS per cwnd of bytes acknowledged (congestion avoidance, byte counting)', () => {
    const h = flight(4);
    h.at(310); // RTO: cwnd 1 MSS, ssthresh 2 MSS
    h.at(320).deliver({ flags: 'ACK', seq: 0, ack: 1 + MSS });
    expect(h.lastCwnd()).toMatchObject({ cwnd: 2 * MSS, ssthresh: 2 * MSS, phase: 'congestion-avoidance' });
    h.at(330).deliver({ flags: 'ACK', seq: 0, ack: 1 + 2 * MSS });
    expect(h.lastCwnd().cwnd).toBe(2 * MSS);
    h.at(331).deliver({ flags: 'ACK', seq: 0, ack: 1 + 3 * MSS });
    expect(h.lastCwnd().cwnd).toBe(3 * MSS);
  });
});

describe('fast retransmit: the RFC 5681 §2 duplicate ACK', () => {
  it('the third duplicate ACK retransmits the first segment; ssthresh = FlightSize/2, cwnd = ssthresh + 3·SMSS (RFC 5681 §3.2 steps 2–3)', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup);
    expect(h.takeSent()).toEqual([]);
    h.deliver(dup);
    expect(h.takeSent()).toEqual([{ flags: 'ACK', seq: 1, ack: 1, len: MSS, win: 65535 }]);
    expect(h.lastCwnd()).toMatchObject({ ssthresh: 5 * MSS, cwnd: 8 * MSS, phase: 'fast-recovery' });
  });

  it('(a) outstanding data: identical ACKs while nothing is outstanding are not counted', () => {
    const h = new TcpHarness({ nagle: false }).established();
    h.at(10).deliver({ flags: 'ACK', seq: 0, ack: 1 }).deliver({ flags: 'ACK', seq: 0, ack: 1 });
    h.at(20).send(5 * MSS);
    h.takeSent();
    h.at(30).deliver(dup);
    expect(h.takeSent()).toEqual([]); // would be the "third" if the idle ACKs had counted
    h.deliver(dup).deliver(dup);
    expect(h.takeSent().map((s) => s.seq)).toEqual([1]);
  });

  it('(b) an ACK carrying data is not a duplicate', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup);
    h.deliver({ flags: 'PSH,ACK', seq: 0, ack: 1, len: 10 });
    expect(h.takeSent().filter((s) => s.len! > 0)).toEqual([]);
    h.deliver({ flags: 'ACK', seq: 10, ack: 1 });
    expect(h.takeSent().filter((s) => s.len! > 0).map((s) => s.seq)).toEqual([1]);
  });

  it('(c) an ACK carrying FIN is not a duplicate', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup);
    h.deliver({ flags: 'FIN,ACK', seq: 0, ack: 1 });
    expect(h.takeSent().filter((s) => s.len! > 0)).toEqual([]);
    h.deliver({ flags: 'ACK', seq: 1, ack: 1 });
    expect(h.takeSent().filter((s) => s.len! > 0).map((s) => s.seq)).toEqual([1]);
  });

  it('(d) the ACK number must equal SND.UNA: an advancing ACK restarts the count, an older one is not counted', () => {
    const h = flight(10);
    h.at(120).deliver({ flags: 'ACK', seq: 0, ack: 1 + MSS });
    h.takeSent();
    const dup2 = { flags: 'ACK', seq: 0, ack: 1 + MSS };
    h.deliver(dup2).deliver(dup2);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1 }); // below SND.UNA
    expect(h.takeSent()).toEqual([]);
    h.deliver({ flags: 'ACK', seq: 0, ack: 1 + 2 * MSS }); // advances: count back to 0
    h.takeSent();
    const dup3 = { flags: 'ACK', seq: 0, ack: 1 + 2 * MSS };
    h.deliver(dup3).deliver(dup3);
    expect(h.takeSent()).toEqual([]);
    h.deliver(dup3);
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1 + 2 * MSS, MSS]]);
  });

  it('(e) an ACK that changes the advertised window is a window update, not a duplicate', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup);
    h.deliver({ ...dup, win: 60000 });
    expect(h.takeSent()).toEqual([]);
    h.deliver({ ...dup, win: 60000 });
    expect(h.takeSent().map((s) => s.seq)).toEqual([1]);
  });
});

describe('fast recovery', () => {
  it('each further duplicate ACK inflates cwnd by SMSS and lets new data out (RFC 5681 §3.2 steps 4–5)', () => {
    const h = flight(10, {}, 5 * MSS);
    h.at(120).deliver(dup).deliver(dup).deliver(dup);
    h.takeSent();
    h.deliver(dup); // cwnd 9 MSS < 10 in flight
    expect(h.takeSent()).toEqual([]);
    h.deliver(dup).deliver(dup); // cwnd 11 MSS: one new segment
    expect(h.lastCwnd()).toMatchObject({ cwnd: 11 * MSS, phase: 'fast-recovery' });
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1 + 10 * MSS, MSS]]);
  });

  it('NewReno: a full ACK (beyond "recover") ends recovery with cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS) (RFC 6582 §3.2 step 3)', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup).deliver(dup);
    h.takeSent();
    h.at(130).deliver({ flags: 'ACK', seq: 0, ack: 1 + 10 * MSS });
    expect(h.lastCwnd()).toMatchObject({ cwnd: 2 * MSS, ssthresh: 5 * MSS, phase: 'slow-start' });
  });

  it('NewReno: a partial ACK retransmits the next hole at once and stays in recovery, cwnd deflated by the bytes acked plus one SMSS (RFC 6582 §3.2 step 4)', () => {
    const h = flight(10);
    h.at(120).deliver(dup).deliver(dup).deliver(dup);
    h.takeSent();
    // Segments 1 and 5 were lost: the retransmitted 1 fills up to 4.
    h.at(130).deliver({ flags: 'ACK', seq: 0, ack: 1 + 4 * MSS });
    expect(h.takeSent().map((s) => [s.seq, s.len])).toEqual([[1 + 4 * MSS, MSS]]);
    expect(h.lastCwnd()).toMatchObject({ cwnd: 8 * MSS - 4 * MSS + MSS, phase: 'fast-recovery' });
    h.at(140).deliver({ flags: 'ACK', seq: 0, ack: 1 + 10 * MSS });
    expect(h.lastCwnd()).toMatchObject({ phase: 'slow-start', ssthresh: 5 * MSS });
  });

  it('Reno: the first new ACK ends recovery with cwnd = ssthresh, even a partial one (RFC 5681 §3.2 step 6)', () => {
    const h = flight(10, { congestion: 'reno' });
    h.at(120).deliver(dup).deliver(dup).deliver(dup);
    h.takeSent();
    h.at(130).deliver({ flags: 'ACK', seq: 0, ack: 1 + 4 * MSS });
    expect(h.lastCwnd()).toMatchObject({ cwnd: 5 * MSS, ssthresh: 5 * MSS, phase: 'congestion-avoidance' });
    // No immediate retransmission of the next hole (that is NewReno's addition).
    expect(h.takeSent().filter((s) => s.seq === 1 + 4 * MSS)).toEqual([]);
  });

  it('Reno: a full ACK sets cwnd = ssthresh ("deflating" the window, RFC 5681 §3.2 step 6)', () => {
    const h = flight(10, { congestion: 'reno' });
    h.at(120).deliver(dup).deliver(dup).deliver(dup);
    h.takeSent();
    h.at(130).deliver({ flags: 'ACK', seq: 0, ack: 1 + 10 * MSS });
    expect(h.lastCwnd()).toMatchObject({ cwnd: 5 * MSS, ssthresh: 5 * MSS, phase: 'congestion-avoidance' });
  });

  it('NewReno: duplicate ACKs after an RTO for data sent before it do not start another fast retransmit (RFC 6582 §4.1)', () => {
    const h = flight(10);
    h.at(310); // RTO: recover = highest sequence sent
    h.takeSent();
    h.at(320).deliver(dup).deliver(dup).deliver(dup);
    expect(h.takeSent()).toEqual([]);
    expect(h.lastCwnd().phase).not.toBe('fast-recovery');
  });
});
