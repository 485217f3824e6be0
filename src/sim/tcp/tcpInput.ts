// SEGMENT ARRIVES (RFC 9293 §3.10.7.3–§3.10.7.4) for a socket that is past LISTEN: one function
// per group of states, each branch saying why. Listening sockets are in tcpListen.ts.
import { ACK, FIN, RST, SYN, type Packet } from '../net/packet';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
import type { TcpSocket } from './tcpSocket';
import { rttSample } from './rtt';
import { initCongestion, onDupAck, onNewAck } from './congestion';
import { sendAck, sendRstFor, sendSynAck, tcpOutput } from './tcpOutput';
import { armDelayedAck, armFinWait2, restartRto, startTimeWait } from './tcpTimers';
import { abortConnection, finishClose } from './tcpClose';
import { readSynOptions, establish } from './tcpHandshake';

export function tcpInput(s: TcpSocket, p: Packet): void {
  if (s.state === 'SYN_SENT') synSentInput(s, p);
  else if (s.state !== 'CLOSED' && s.state !== 'LISTEN') synchronizedInput(s, p);
}

/** §3.10.7.3 SYN-SENT STATE. */
function synSentInput(s: TcpSocket, p: Packet): void {
  const t = p.tcp!;
  let ackOk = false;
  if (t.flags & ACK) {
    // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set)".
    if (seqLe(t.ack, s.iss) || seqGt(t.ack, s.sndMax)) {
      if (!(t.flags & RST)) sendRstFor(s.host, p, 'rst-bad-ack', s);
      return;
    }
    ackOk = true;
  }
  if (t.flags & RST) {
    // "If the ACK was acceptable, then signal to the user 'error: connection reset', drop the
    // segment, enter CLOSED state" — connect() fails with ECONNREFUSED.
    if (ackOk) abortConnection(s, 'ECONNREFUSED', 'rcv RST', null);
    return;
  }
  if (!(t.flags & SYN)) return;
  s.irs = t.seq;
  s.rcvNxt = seqAdd(t.seq, 1);
  // Our SYN went out before RCV.NXT was known: the window it offered starts here.
  s.rcvAdvEdge = seqAdd(s.rcvNxt, s.rcvWnd);
  readSynOptions(s, p);
  if (ackOk) {
    // Our SYN is acknowledged: ESTABLISHED, and ACK the peer's SYN.
    s.sndUna = t.ack;
    s.cancelTimer('rto');
    if (s.synRetransmits === 0) rttSample(s, (s.host.sched.now - s.rttStart) / 1000);
    else if (s.srtt === null) s.rto = Math.max(s.rto, 3000); // RFC 6298 §5.7
    s.rttSeq = null;
    s.sndWnd = t.window; // never scaled in a SYN (RFC 7323 §2.2)
    s.maxSndWnd = Math.max(s.maxSndWnd, s.sndWnd);
    s.sndWl1 = t.seq;
    s.sndWl2 = t.ack;
    s.setState('ESTABLISHED', 'rcv SYN,ACK');
    initCongestion(s);
    sendAck(s, 'handshake-ack');
    tcpOutput(s);
    return;
  }
  // Simultaneous open: "enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>".
  s.sndWnd = t.window;
  s.sndWl1 = t.seq;
  s.setState('SYN_RECEIVED', 'rcv SYN (simultaneous open)');
  sendSynAck(s, 'syn-ack');
}

/** §3.10.7.4 Other states. */
function synchronizedInput(s: TcpSocket, p: Packet): void {
  const t = p.tcp!;
  let seq = t.seq;
  let data = t.payload;
  let syn = (t.flags & SYN) !== 0;
  let fin = (t.flags & FIN) !== 0;

  if (s.state === 'SYN_RECEIVED' && syn) {
    // A retransmitted SYN of a half-open connection: answer with the SYN,ACK again (Linux tcp_check_req).
    if (s.passiveOpen && !(t.flags & ACK) && t.seq === s.irs) { sendSynAck(s, 'synack-retransmit'); return; }
    // Simultaneous open: the peer's SYN,ACK acknowledges our SYN (Linux tcp_validate_incoming).
    // Its SYN is a duplicate (already acknowledged), so an ACK goes back, as Linux's
    // tcp_data_queue does for an old segment and as RFC 9293 §3.10.7.4 does for an unacceptable one.
    if (!s.passiveOpen && (t.flags & ACK) && seqAdd(t.seq, 1) === s.rcvNxt && t.ack === s.sndNxt) {
      if (synReceivedAck(s, p)) sendAck(s, 'ack');
      return;
    }
  }

  // First: check the sequence number (the four cases of the acceptability test).
  const rcvWnd = s.rcvWndOpen;
  const segLen = data.length + (syn ? 1 : 0) + (fin ? 1 : 0);
  if (!acceptable(s.rcvNxt, rcvWnd, seq, segLen)) {
    if (t.flags & RST) return;
    if (s.state === 'TIME_WAIT' && fin && seqAdd(seq, segLen) === s.rcvNxt) {
      // "The only thing that can arrive in this state is a retransmission of the remote FIN.
      // Acknowledge it, and restart the 2 MSL timeout."
      sendAck(s, 'ack');
      startTimeWait(s);
      return;
    }
    // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply".
    sendAck(s, 'ack');
    // "…special allowance should be made to accept valid ACKs" while our window is zero; Linux
    // also takes the ACK of a retransmission of the last segment (it ends exactly at RCV.NXT) —
    // but never from a SYN, which it discards after a challenge ACK (tcp_validate_incoming).
    const zeroWindowAck = rcvWnd === 0 && seq === s.rcvNxt;
    const lastSegmentAck = s.opts.oldSegmentAck === 'last' && !syn && seqAdd(seq, segLen) === s.rcvNxt;
    if (!((zeroWindowAck || lastSegmentAck) && (t.flags & ACK))) return;
    data = data.subarray(0, 0);
    fin = false;
    syn = false;
  } else {
    // Trim to the window: only the new part of a straddling segment is processed.
    if (seqLt(seq, s.rcvNxt)) {
      let cut = seqDiff(s.rcvNxt, seq);
      if (syn) { syn = false; cut--; }
      data = data.subarray(Math.min(cut, data.length));
      seq = s.rcvNxt;
    }
    const room = seqDiff(seqAdd(s.rcvNxt, rcvWnd), seq);
    if (data.length > room) { data = data.subarray(0, Math.max(0, room)); fin = false; }
  }

  // Second: the RST bit (RFC 5961 §3.2: only an exact match resets; in-window gets a challenge ACK).
  if (t.flags & RST) {
    if (s.opts.rfc5961 && seq !== s.rcvNxt) { sendAck(s, 'challenge-ack'); return; }
    onReset(s);
    return;
  }

  // Fourth: the SYN bit in a synchronized state (RFC 5961 §4 challenge ACK; RFC 793 reset).
  if (syn) {
    if (s.opts.rfc5961) { sendAck(s, 'challenge-ack'); return; }
    abortConnection(s, 'ECONNRESET', 'rcv SYN in window', 'rst-bad-ack');
    return;
  }

  // Fifth: the ACK field. "If the ACK bit is off, drop the segment and return."
  if (!(t.flags & ACK)) return;
  if (s.state === 'SYN_RECEIVED') {
    if (!synReceivedAck(s, p)) return;
  }
  // A FIN right at RCV.NXT will be processed with this segment (eighth step).
  const finInOrder = fin && seq === s.rcvNxt;
  if (!processAck(s, p, finInOrder)) return;
  if (s.state === 'CLOSED') return;

  // Seventh: the segment text.
  if (data.length > 0) {
    if (s.state === 'ESTABLISHED' || s.state === 'FIN_WAIT_1' || s.state === 'FIN_WAIT_2') {
      if ((s.orphan || s.rdShut) && s.state !== 'ESTABLISHED') {
        // New data after close() or shutdown(SHUT_RD) cannot be delivered: RFC 1122 §4.2.2.13
        // "SHOULD send a RST"; Linux (tcp_rcv_state_process, "abort on data") answers the segment
        // with <SEQ=SEG.ACK><CTL=RST> and resets the socket (loopback capture: "Flags [R], win 0").
        sendRstFor(s.host, p, 'rst-data-after-close', s);
        abortConnection(s, s.orphan ? null : 'ECONNRESET', 'data after close', null);
        return;
      }
      receiveData(s, seq, data, fin);
      fin = false; // handled with the data (in order or held out of order)
    }
    // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: the peer already sent its FIN; data is ignored.
  } else if (fin && seq !== s.rcvNxt) {
    receiveData(s, seq, data, fin); // a bare FIN ahead of a hole waits with the out-of-order data
    fin = false;
  }

  // Eighth: the FIN bit.
  if (fin) onFin(s);
  tcpOutput(s);
}

/** The four cases of RFC 9293 §3.10.7.4 "first: check sequence number". */
function acceptable(rcvNxt: number, rcvWnd: number, seq: number, len: number): boolean {
  const end = seqAdd(rcvNxt, rcvWnd);
  if (len === 0) return rcvWnd === 0 ? seq === rcvNxt : seqGe(seq, rcvNxt) && seqLt(seq, end);
  if (rcvWnd === 0) return false;
  const last = seqAdd(seq, len - 1);
  return (seqGe(seq, rcvNxt) && seqLt(seq, end)) || (seqGe(last, rcvNxt) && seqLt(last, end));
}

/** SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state". */
function synReceivedAck(s: TcpSocket, p: Packet): boolean {
  const t = p.tcp!;
  if (!(seqLt(s.sndUna, t.ack) && seqLe(t.ack, s.sndMax))) {
    // "If the segment acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST>".
    sendRstFor(s.host, p, 'rst-bad-ack', s);
    return false;
  }
  const parent = s.parent;
  if (parent && parent.acceptQueue.length >= parent.acceptMax) {
    // Linux: the accept queue is full; drop the ACK (or reset with tcp_abort_on_overflow) and let
    // the SYN,ACK timer retry. The client already believes the connection is established.
    // tcp_abort_on_overflow answers the ACK itself (embryonic reset: <SEQ=SEG.ACK><CTL=RST>).
    if (s.opts.synOverflow === 'rst') {
      sendRstFor(s.host, p, 'rst-backlog', s);
      abortConnection(s, null, 'accept queue full', null);
    } else s.host.discard(p, 'backlog');
    return false;
  }
  establish(s, t.seq, t.ack, t.window << s.sndShift);
  return true;
}

/** Fifth step in ESTABLISHED and later states: new ACKs, duplicate ACKs, window updates. */
function processAck(s: TcpSocket, p: Packet, finInOrder: boolean): boolean {
  const t = p.tcp!;
  const ack = t.ack;
  if (seqGt(ack, s.sndMax)) {
    // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment".
    sendAck(s, 'ack');
    return false;
  }
  const wnd = t.window << s.sndShift;
  if (seqGt(ack, s.sndUna)) {
    newAck(s, ack);
  } else if (ack === s.sndUna && seqGt(s.sndMax, s.sndUna) && t.payload.length === 0 && !(t.flags & (SYN | FIN)) && wnd === s.sndWnd) {
    // RFC 5681 §2 duplicate ACK: outstanding data, no payload, no SYN/FIN, same ACK, same window.
    onDupAck(s);
  }
  // "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND <- SEG.WND".
  if (seqLt(s.sndWl1, t.seq) || (s.sndWl1 === t.seq && seqLe(s.sndWl2, ack))) {
    const opened = s.sndWnd === 0 && wnd > 0;
    s.sndWnd = wnd;
    s.maxSndWnd = Math.max(s.maxSndWnd, wnd);
    s.sndWl1 = t.seq;
    s.sndWl2 = ack;
    if (opened) s.backoff = 0;
  }
  const finAcked = s.finSent && seqGt(s.sndUna, s.finSeq);
  switch (s.state) {
    case 'FIN_WAIT_1':
      // A segment that acks our FIN and carries the peer's FIN goes straight to TIME-WAIT in the
      // eighth step ("If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT").
      if (finAcked && !finInOrder) { s.setState('FIN_WAIT_2', 'rcv ACK of FIN'); armFinWait2(s); }
      break;
    case 'CLOSING':
      if (finAcked) { s.setState('TIME_WAIT', 'rcv ACK of FIN'); startTimeWait(s); }
      break;
    case 'LAST_ACK':
      if (finAcked) { s.setState('CLOSED', 'rcv ACK of FIN'); finishClose(s); return false; }
      break;
    default:
      break;
  }
  return true;
}

function newAck(s: TcpSocket, ack: number): void {
  const dataAcked = Math.min(Math.max(0, seqDiff(ack, s.sndBufSeq)), s.sendBuf.length);
  s.sendBuf.drop(dataAcked);
  s.sndBufSeq = seqAdd(s.sndBufSeq, dataAcked);
  const acked = seqDiff(ack, s.sndUna);
  s.sndUna = ack;
  if (seqLt(s.sndNxt, s.sndUna)) s.sndNxt = s.sndUna;
  if (s.rttSeq !== null && seqGe(ack, s.rttSeq)) {
    rttSample(s, (s.host.sched.now - s.rttStart) / 1000);
    s.rttSeq = null;
  }
  s.retransmits = 0;
  onNewAck(s, acked);
  restartRto(s); // RFC 6298 §5.2/5.3
  s.wake(); // send-buffer space freed
}

/** Seventh step: accept in-order data, hold out-of-order data, decide when to ACK. */
function receiveData(s: TcpSocket, seq: number, data: Uint8Array, fin: boolean): void {
  if (seq !== s.rcvNxt) {
    s.ooo.insert(seq, data, fin);
    // RFC 5681 §4.2: an out-of-order segment is acknowledged at once (a duplicate ACK).
    s.ackNow = true;
    s.pendingAckNote = 'dup-ack';
    s.traceBuffer();
    return;
  }
  s.rcvQueue.push(data);
  s.rcvNxt = seqAdd(s.rcvNxt, data.length);
  let finNow = fin;
  let filledGap = false;
  while (s.ooo.length > 0 && seqLe(s.ooo.first()!.seq, s.rcvNxt)) {
    const o = s.ooo.shift()!;
    const end = seqAdd(o.seq, o.data.length);
    if (seqGt(end, s.rcvNxt)) {
      s.rcvQueue.push(o.data.subarray(seqDiff(s.rcvNxt, o.seq)));
      s.rcvNxt = end;
    }
    if (o.fin && end === s.rcvNxt) finNow = true;
    filledGap = true;
  }
  s.lastDataRcvUs = s.host.sched.now;
  if (s.quickAcks < 0) s.quickAcks = Math.max(2, Math.min(16, Math.floor(s.rcvBufSize / (2 * s.mss))));
  if (!s.opts.delayedAck || filledGap || s.ooo.length > 0) {
    s.ackNow = true;
  } else if (s.opts.quickAck && s.quickAcks > 0 && !s.pingpong) {
    s.quickAcks--; // Linux quick-ACK mode (tcp_in_quickack_mode)
    s.ackNow = true;
  } else if ((s.ackPendingBytes += data.length) > s.mss) {
    // RFC 9293 §3.8.6.3: ACK at least every second full-sized segment; Linux's
    // __tcp_ack_snd_check acks once more than one full segment is unacknowledged.
    s.ackNow = true;
  } else {
    armDelayedAck(s);
  }
  if (finNow) onFin(s);
  s.traceBuffer();
  s.wake();
}

/** Eighth step: the peer's FIN, in order. */
function onFin(s: TcpSocket): void {
  s.rcvNxt = seqAdd(s.rcvNxt, 1);
  s.finReceived = true;
  switch (s.state) {
    case 'SYN_RECEIVED':
    case 'ESTABLISHED':
      // With delayed ACKs, Linux delays this ACK too (tcp_fin schedules it), so that an
      // application that closes at once sends one FIN,ACK instead of ACK then FIN. Before any data
      // has arrived Linux's delayed-ACK timeout (icsk_ack.ato) is still 0, so the ACK goes at the
      // next timer tick: 1 ms here (a real capture: 1.1 ms).
      if (s.opts.delayedAck) armDelayedAck(s, s.opts.quickAck && s.lastDataRcvUs < 0 ? 1 : undefined);
      else s.ackNow = true;
      s.setState('CLOSE_WAIT', 'rcv FIN');
      break;
    case 'FIN_WAIT_1':
      if (s.finSent && seqGt(s.sndUna, s.finSeq)) { s.setState('TIME_WAIT', 'rcv FIN'); sendAck(s, 'ack'); startTimeWait(s); }
      else { s.ackNow = true; s.setState('CLOSING', 'rcv FIN'); }
      break;
    case 'FIN_WAIT_2':
      s.ackNow = true;
      s.setState('TIME_WAIT', 'rcv FIN');
      sendAck(s, 'ack');
      startTimeWait(s);
      break;
    default:
      break;
  }
  s.wake();
}

/** Second step, RST accepted: what happens depends on the state (§3.10.7.4). */
function onReset(s: TcpSocket): void {
  switch (s.state) {
    case 'SYN_RECEIVED':
      // Passive open: the half-open connection just goes away; active open: connection refused.
      abortConnection(s, s.passiveOpen ? null : 'ECONNREFUSED', 'rcv RST', null);
      return;
    case 'ESTABLISHED': case 'FIN_WAIT_1': case 'FIN_WAIT_2':
      // "Any outstanding RECEIVEs and SEND should receive 'reset' responses" — data already
      // queued stays readable; the next call after it reports ECONNRESET.
      abortConnection(s, 'ECONNRESET', 'rcv RST', null);
      return;
    case 'CLOSE_WAIT':
      // Linux tcp_reset: the peer had already closed, so the error "as BSD sees it" is EPIPE.
      abortConnection(s, 'EPIPE', 'rcv RST', null);
      return;
    default:
      abortConnection(s, null, 'rcv RST', null);
  }
}
