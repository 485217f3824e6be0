// TCP timers: retransmission (RFC 6298 §5, with the SYN schedule of each profile), persist
// (RFC 9293 §3.8.6.1 zero-window probes), delayed ACK, TIME-WAIT (2·MSL) and orphaned FIN-WAIT-2.
import { ACK } from '../net/packet';
import { seqAdd, seqDiff, seqGt, seqMax } from './seq';
import type { TcpSocket } from './tcpSocket';
import { backoffRto } from './rtt';
import { onRtoCongestion } from './congestion';
import { sendAck, sendSegment, sendSyn, sendSynAck, tcpOutput } from './tcpOutput';
import { abortConnection, finishClose } from './tcpClose';

/** RTO timer: on while anything (SYN, data, FIN) is unacknowledged (RFC 6298 §5.1–5.3). */
export function armRetransmit(s: TcpSocket): void {
  const outstanding = seqGt(s.sndMax, s.sndUna);
  if (!outstanding) {
    if (s.hasTimer('rto')) s.cancelTimer('rto');
    return;
  }
  if (!s.hasTimer('rto') && !s.hasTimer('persist')) startRto(s);
}

/** Restart the RTO timer (its new `set` record stands for the restart), or stop it — with a
 *  `cancel` record — once everything is acknowledged (RFC 6298 §5.2). */
export function restartRto(s: TcpSocket): void {
  if (seqGt(s.sndMax, s.sndUna)) startRto(s); // setTimer replaces the running timer's deadline
  else if (s.hasTimer('rto')) s.cancelTimer('rto');
}

function startRto(s: TcpSocket): void {
  s.setTimer('rto', s.rto, () => onRto(s), s.backoff);
}

/** Timeout for the k-th transmission of a SYN (k = 0 is the first): linear, then doubling. */
export function synTimeout(s: TcpSocket, k: number): number {
  const lin = s.opts.synLinearTimeouts;
  const base = s.opts.rtoInitial;
  const t = k <= lin ? base : base * 2 ** (k - lin);
  return Math.min(t, s.opts.rtoMax);
}

export function startSynTimer(s: TcpSocket): void {
  const k = s.state === 'SYN_SENT' ? s.synRetransmits : s.synRetransmits;
  const timeout = s.state === 'SYN_SENT' ? synTimeout(s, k) : Math.min(s.opts.rtoInitial * 2 ** k, s.opts.rtoMax);
  s.rto = timeout;
  s.setTimer('rto', timeout, () => onSynRto(s), k);
}

function onSynRto(s: TcpSocket): void {
  if (s.state === 'SYN_SENT') {
    if (s.synRetransmits >= s.opts.synRetries) {
      // Linux tcp_write_err: a remembered soft error (ICMP) is reported instead of ETIMEDOUT.
      abortConnection(s, s.errSoft ?? 'ETIMEDOUT', 'SYN retransmissions exhausted', null);
      return;
    }
    s.synRetransmits++;
    s.rttSeq = null; // Karn
    sendSyn(s, 'syn-retransmit');
    startSynTimer(s);
  } else if (s.state === 'SYN_RECEIVED') {
    if (s.synRetransmits >= s.opts.synAckRetries) {
      abortConnection(s, 'ETIMEDOUT', 'SYN-ACK retransmissions exhausted', null);
      return;
    }
    s.synRetransmits++;
    s.rttSeq = null;
    sendSynAck(s, 'synack-retransmit');
    startSynTimer(s);
  }
}

/** RFC 6298 §5.4–5.7 and RFC 5681 §3.1: the retransmission timer expired. */
function onRto(s: TcpSocket): void {
  if (s.state === 'SYN_SENT' || s.state === 'SYN_RECEIVED') {
    onSynRto(s);
    return;
  }
  if (!seqGt(s.sndMax, s.sndUna)) return;
  if (s.retransmits >= s.opts.retries) {
    abortConnection(s, s.errSoft ?? 'ETIMEDOUT', 'retransmissions exhausted', null);
    return;
  }
  s.retransmits++;
  onRtoCongestion(s);
  // Karn's rule: do not time a retransmitted segment.
  s.rttSeq = null;
  backoffRto(s);
  // Go back to SND.UNA and resend from there as the (now one-segment) window allows.
  s.sndNxt = s.sndUna;
  tcpOutput(s);
  if (!s.hasTimer('rto') && seqGt(s.sndMax, s.sndUna)) startRto(s);
  s.traceCwnd();
}

/** Persist timer: the peer's window is zero, data waits, and nothing is in flight. */
export function armPersist(s: TcpSocket): void {
  const waiting = s.unsent > 0 && s.sndWnd === 0 && seqDiff(s.sndNxt, s.sndUna) === 0;
  const synced = s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT' || s.state === 'FIN_WAIT_1' || s.state === 'LAST_ACK' || s.state === 'CLOSING';
  if (waiting && synced) {
    if (!s.hasTimer('persist')) {
      if (s.hasTimer('rto')) s.cancelTimer('rto');
      const interval = persistInterval(s);
      s.setTimer('persist', interval, () => onPersist(s), s.backoff);
    }
  } else if (s.hasTimer('persist') && !waiting) {
    s.cancelTimer('persist');
    s.backoff = 0;
  }
}

function persistInterval(s: TcpSocket): number {
  const base = Math.max(s.rto, s.opts.rtoMin);
  return Math.min(base * 2 ** s.backoff, s.opts.rtoMax);
}

/** Send a zero-window probe: Linux an empty ACK at SND.UNA − 1; RFC 9293 one byte of new data. */
function onPersist(s: TcpSocket): void {
  if (s.sndWnd !== 0 || s.unsent === 0) { tcpOutput(s); return; }
  if (s.opts.zeroWindowProbe === 'ack') {
    sendSegment(s, { seq: seqAdd(s.sndUna, -1), flags: ACK, note: 'zero-window-probe' });
  } else {
    const off = seqDiff(s.sndNxt, s.sndBufSeq);
    const payload = s.sendBuf.peek(off, 1);
    sendSegment(s, { seq: s.sndNxt, flags: ACK, payload, note: 'zero-window-probe' });
    // The probe byte is "sent" beyond the window: an ACK for it is acceptable.
    s.sndMax = seqMax(s.sndMax, seqAdd(s.sndNxt, 1));
  }
  s.backoff++;
  s.setTimer('persist', persistInterval(s), () => onPersist(s), s.backoff);
}

/** Delayed ACK timer (RFC 9293 §3.8.6.3; RFC 1122 §4.2.3.2). */
export function armDelayedAck(s: TcpSocket, ms = s.opts.delayedAckMs): void {
  if (!s.hasTimer('delayed-ack')) {
    s.setTimer('delayed-ack', ms, () => {
      s.pingpong = false; // Linux leaves interactive mode when the delayed ACK has to fire
      if (s.state !== 'CLOSED') sendAck(s, 'delayed-ack');
    });
  }
}

/** TIME-WAIT lasts 2·MSL (RFC 9293 §3.6.1); a retransmitted FIN restarts it. */
export function startTimeWait(s: TcpSocket): void {
  s.cancelTimer('rto');
  s.cancelTimer('persist');
  s.cancelTimer('delayed-ack');
  s.cancelTimer('fin-wait-2');
  s.setTimer('time-wait', 2 * s.opts.msl, () => {
    s.setState('CLOSED', '2MSL timeout');
    finishClose(s);
  });
}

/** Linux closes an orphaned FIN-WAIT-2 after tcp_fin_timeout; RFC 9293 has no such timer. */
export function armFinWait2(s: TcpSocket): void {
  if (s.state === 'FIN_WAIT_2' && s.orphan && s.opts.finTimeout !== null && !s.hasTimer('fin-wait-2')) {
    s.setTimer('fin-wait-2', s.opts.finTimeout, () => {
      if (s.state === 'FIN_WAIT_2') {
        s.setState('CLOSED', 'FIN_WAIT_2 timeout');
        finishClose(s);
      }
    });
  }
}
