// Congestion control: slow start, congestion avoidance, fast retransmit and fast recovery
// (RFC 5681), with NewReno's partial-ACK handling (RFC 6582). cwnd and ssthresh are in bytes.
import { seqAdd, seqDiff, seqGt } from './seq';
import type { TcpSocket } from './tcpSocket';
import { retransmitHead } from './tcpOutput';
import { restartRto } from './tcpTimers';

/** RFC 5681 §3.1 / RFC 6928: IW = initialCwnd segments. */
export function initCongestion(s: TcpSocket): void {
  s.cwnd = s.opts.initialCwnd * s.mss;
  s.traceCwnd();
}

function flightSize(s: TcpSocket): number {
  return Math.max(0, seqDiff(s.sndMax, s.sndUna));
}

/** An ACK that acknowledged `acked` new bytes (already applied to SND.UNA). */
export function onNewAck(s: TcpSocket, acked: number): void {
  s.dupAcks = 0;
  if (s.inRecovery) {
    if (s.opts.congestion === 'reno') {
      // Reno: the first ACK of new data ends recovery and deflates the window (RFC 5681 §3.2 step 6).
      s.cwnd = s.ssthresh;
      s.inRecovery = false;
    } else if (seqGt(s.sndUna, s.recover)) {
      // Full acknowledgment: leave fast recovery (RFC 6582 §3.2 step 3, option 1).
      s.cwnd = Math.min(s.ssthresh, Math.max(flightSize(s), s.mss) + s.mss);
      s.inRecovery = false;
    } else {
      // Partial acknowledgment: the next hole was lost too; retransmit it at once (RFC 6582 §3.2 step 4).
      retransmitHead(s, 'fast-retransmit');
      s.cwnd = Math.max(s.mss, s.cwnd - acked + (acked >= s.mss ? s.mss : 0));
      restartRto(s);
    }
  } else if (s.cwnd < s.ssthresh) {
    // Slow start (§3.1): grow by at most one SMSS per ACK.
    s.cwnd += Math.min(acked, s.mss);
  } else {
    // Congestion avoidance: about one SMSS per round trip, counted in bytes.
    s.bytesAckedCA += acked;
    if (s.bytesAckedCA >= s.cwnd) {
      s.bytesAckedCA -= s.cwnd;
      s.cwnd += s.mss;
    }
  }
  s.traceCwnd();
}

/** A duplicate ACK in the RFC 5681 §2 sense. Returns true if it triggered a fast retransmit. */
export function onDupAck(s: TcpSocket): boolean {
  s.dupAcks++;
  if (s.inRecovery) {
    s.cwnd += s.mss; // §3.2 step 4: inflate for each segment that left the network
    s.traceCwnd();
    return false;
  }
  if (s.dupAcks === 3) {
    // RFC 6582 §3.2 step 2: avoid multiple fast retransmits for one window of data.
    if (s.opts.congestion === 'newreno' && s.recoverValid && !seqGt(s.sndUna, s.recover)) return false;
    s.ssthresh = Math.max(Math.floor(flightSize(s) / 2), 2 * s.mss);
    s.recover = seqAdd(s.sndMax, -1); // the highest sequence number transmitted
    s.recoverValid = true;
    s.inRecovery = true;
    s.rttSeq = null; // Karn: the retransmitted segment must not be timed
    retransmitHead(s, 'fast-retransmit');
    s.cwnd = s.ssthresh + 3 * s.mss;
    s.traceCwnd();
    return true;
  }
  return false;
}

/** RFC 5681 §3.1 eq. (4) and the loss window after an RTO. */
export function onRtoCongestion(s: TcpSocket): void {
  s.ssthresh = Math.max(Math.floor(flightSize(s) / 2), 2 * s.mss);
  s.cwnd = s.mss;
  s.inRecovery = false;
  s.dupAcks = 0;
  s.bytesAckedCA = 0;
  s.recover = seqAdd(s.sndMax, -1);
  s.recoverValid = true;
}
