// Sending: what goes out and when (RFC 9293 §3.8.6 windows, Nagle RFC 896, SWS avoidance),
// building segments, and the RST replies. Decisions about *received* segments are in tcpInput.ts.
import { ACK, FIN, NO_BYTES, NO_OPTIONS, PSH, RST, SYN, type Packet, type TcpOption } from '../net/packet';
import type { HostContext } from '../net/hostContext';
import type { SegmentNote } from '../trace/records';
import { seqAdd, seqDiff, seqGt, seqLe, seqLt, seqMax } from './seq';
import type { TcpSocket } from './tcpSocket';
import { armRetransmit, armPersist } from './tcpTimers';

export interface SegmentSpec {
  seq: number;
  flags: number;
  payload?: Uint8Array;
  options?: TcpOption[];
  note: SegmentNote;
}

/** Window to advertise now, with receiver-side SWS avoidance (RFC 9293 §3.8.6.2.2): the right
 *  edge moves only when it can move by min(buffer/2, MSS), and it never moves left. */
export function selectWindow(s: TcpSocket): number {
  const space = s.rcvSpace;
  const current = s.rcvWndOpen;
  let wnd = current;
  if (space - current >= Math.min(Math.floor(s.rcvBufSize / 2), s.mss) || space === s.rcvBufSize) wnd = space;
  wnd = Math.max(wnd, current);
  // The window field has 16 bits after scaling down: round down to what the field can say, but
  // up where rounding down would move the advertised edge left or announce a zero window while
  // there is room (Linux tcp_select_window / __tcp_select_window align up to 1 << wscale).
  let raw = wnd >>> s.rcvShift;
  if (s.rcvShift > 0 && ((raw << s.rcvShift) < current || (raw === 0 && wnd > 0))) raw = Math.ceil(wnd / (1 << s.rcvShift));
  return Math.min(raw, 0xffff) << s.rcvShift;
}

/** Put one segment on the wire from socket `s`. */
export function sendSegment(s: TcpSocket, spec: SegmentSpec): number {
  const local = s.local!;
  const remote = s.remote!;
  const isSyn = (spec.flags & SYN) !== 0;
  let window: number;
  if (isSyn) {
    // RFC 7323 §2.2: the window in a SYN or SYN-ACK is never scaled.
    const w = Math.min(s.rcvSpace, 0xffff);
    window = w;
    s.rcvWnd = w;
    s.rcvAdvEdge = seqAdd(s.rcvNxt, w);
  } else {
    const wnd = selectWindow(s);
    window = wnd >>> s.rcvShift;
    s.rcvWnd = wnd;
    const edge = seqAdd(s.rcvNxt, wnd);
    s.rcvAdvEdge = seqMax(s.rcvAdvEdge, edge);
  }
  const hasAck = (spec.flags & ACK) !== 0;
  const payload = spec.payload ?? NO_BYTES;
  const id = s.host.output({
    src: local.ip, dst: remote.ip, proto: 'tcp',
    tcp: {
      srcPort: local.port, dstPort: remote.port, seq: spec.seq >>> 0, ack: hasAck ? s.rcvNxt >>> 0 : 0,
      flags: spec.flags, window, urgent: 0, options: spec.options ?? NO_OPTIONS, payload,
    },
  }, {
    rseq: seqDiff(spec.seq, s.iss) >>> 0,
    rack: hasAck ? seqDiff(s.rcvNxt, s.irs) >>> 0 : 0,
    win: isSyn ? window : window << s.rcvShift,
    note: spec.note,
  });
  if (hasAck) {
    // Any segment carrying an ACK satisfies a pending (delayed) ACK.
    s.ackNow = false;
    s.ackPendingBytes = 0;
    s.pendingAckNote = null;
    if (s.hasTimer('delayed-ack')) s.cancelTimer('delayed-ack');
  }
  s.traceBuffer();
  return id;
}

export function synOptions(s: TcpSocket): TcpOption[] {
  const opts: TcpOption[] = [{ kind: 'mss', value: s.opts.mss }];
  if (s.offeredShift !== null) opts.push({ kind: 'wscale', shift: s.offeredShift });
  return opts;
}

/** Our window-scale offer: 'auto' picks the smallest shift that lets the buffer fit 16 bits. */
export function chooseShift(s: TcpSocket): number {
  const ws = s.opts.windowScale;
  if (ws !== 'auto') return ws;
  let shift = 0;
  while (shift < 14 && (s.rcvBufSize >>> shift) > 0xffff) shift++;
  return shift;
}

export function sendSyn(s: TcpSocket, note: SegmentNote): void {
  sendSegment(s, { seq: s.iss, flags: SYN, options: synOptions(s), note });
  s.sndNxt = seqAdd(s.iss, 1);
  s.sndMax = seqMax(s.sndMax, s.sndNxt);
}

export function sendSynAck(s: TcpSocket, note: SegmentNote): void {
  const options: TcpOption[] = [{ kind: 'mss', value: s.opts.mss }];
  if (s.offeredShift !== null) options.push({ kind: 'wscale', shift: s.offeredShift });
  sendSegment(s, { seq: s.iss, flags: SYN | ACK, options, note });
  s.sndNxt = seqAdd(s.iss, 1);
  s.sndMax = seqMax(s.sndMax, s.sndNxt);
}

export function sendAck(s: TcpSocket, note: SegmentNote): void {
  sendSegment(s, { seq: s.sndNxt, flags: ACK, note });
}

/** RST from a socket (abort, unread data on close, …): <SEQ=SND.NXT><CTL=RST,ACK>. */
export function sendRst(s: TcpSocket, note: SegmentNote): void {
  sendSegment(s, { seq: s.sndNxt, flags: RST | ACK, note });
}

/** RST in reply to a segment no connection can take (RFC 9293 §3.10.7.1, "If the state is CLOSED"),
 *  or that a connection refuses. `from`, when a socket with an ISN sends it, makes `rseq` relative
 *  to that ISN as Wireshark shows it (a listener or no socket: 0). */
export function sendRstFor(host: HostContext, seg: Packet, note: SegmentNote, from?: TcpSocket): void {
  const t = seg.tcp!;
  if (t.flags & RST) return; // never answer a RST
  const segLen = t.payload.length + (t.flags & SYN ? 1 : 0) + (t.flags & FIN ? 1 : 0);
  const base = { src: seg.dst, dst: seg.src, proto: 'tcp' as const };
  if (t.flags & ACK) {
    // <SEQ=SEG.ACK><CTL=RST>
    host.output({ ...base, tcp: { srcPort: t.dstPort, dstPort: t.srcPort, seq: t.ack, ack: 0, flags: RST, window: 0, urgent: 0, options: NO_OPTIONS, payload: NO_BYTES } },
      { rseq: from ? seqDiff(t.ack, from.iss) >>> 0 : 0, rack: 0, note });
  } else {
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    const ack = seqAdd(t.seq, segLen);
    host.output({ ...base, tcp: { srcPort: t.dstPort, dstPort: t.srcPort, seq: 0, ack, flags: RST | ACK, window: 0, urgent: 0, options: NO_OPTIONS, payload: NO_BYTES } },
      { rseq: 0, rack: seqDiff(ack, t.seq) >>> 0, note });
  }
}

/** States in which queued data (and then our FIN) may be sent. */
function canSendData(s: TcpSocket): boolean {
  switch (s.state) {
    case 'ESTABLISHED': case 'CLOSE_WAIT': case 'FIN_WAIT_1': case 'CLOSING': case 'LAST_ACK':
      return true;
    default:
      return false;
  }
}

/** Send one data (and/or FIN) segment starting at `seq`, taking bytes from the send buffer. */
export function sendDataAt(s: TcpSocket, seq: number, maxLen: number, note: SegmentNote): { len: number; fin: boolean } {
  const off = seqDiff(seq, s.sndBufSeq);
  const avail = Math.max(0, s.sendBuf.length - off);
  const len = Math.min(avail, maxLen);
  const finPos = seqAdd(s.sndBufSeq, s.sendBuf.length);
  const fin = s.finQueued && seqAdd(seq, len) === finPos;
  const payload = len > 0 ? s.sendBuf.peek(off, len) : undefined;
  // Linux enters interactive (ping-pong) mode when the application answers data within the ACK delay.
  if (len > 0 && s.opts.quickAck && s.lastDataRcvUs >= 0 && s.host.sched.now - s.lastDataRcvUs < s.opts.delayedAckMs * 1000) s.pingpong = true;
  // PSH on the segment that empties what the application gave us (as Linux does).
  const push = len > 0 && off + len === s.sendBuf.length;
  let flags = ACK | (push ? PSH : 0) | (fin ? FIN : 0);
  if (s.state === 'SYN_SENT') flags &= ~ACK;
  sendSegment(s, { seq, flags, payload, note: fin && len === 0 && note === 'data' ? 'fin' : note });
  if (fin) {
    s.finSent = true;
    s.finSeq = finPos;
  }
  const end = seqAdd(seq, len + (fin ? 1 : 0));
  if (len > 0 && len < s.mss && !seqLt(seq, s.sndMax)) s.sndSml = end; // new data only, as tcp_minshall_update
  // Time one new segment at a time (Karn: never a retransmission, RFC 6298 §3).
  if (s.rttSeq === null && !seqLt(seq, s.sndMax) && (len > 0 || fin)) {
    s.rttSeq = end;
    s.rttStart = s.host.sched.now;
  }
  return { len, fin };
}

/** Decide whether a segment of `len` bytes may go now (Nagle, sender SWS avoidance). */
function shouldSend(s: TcpSocket, len: number, unsent: number, idle: boolean): boolean {
  if (len >= s.mss) return true;
  if (len === unsent) {
    // All we have. Nagle (RFC 896; RFC 9293 §3.7.4): hold a small segment while data is unacknowledged.
    if (s.nodelay || !s.opts.nagle || idle || s.finQueued) return true;
    // Minshall: only an unacknowledged *small* segment holds this one back.
    if (s.opts.nagleVariant === 'minshall') return !(seqGt(s.sndSml, s.sndUna) && seqLe(s.sndSml, s.sndNxt));
    return false;
  }
  // Window-limited partial segment: send if it is at least half the largest window seen, or if
  // nothing is in flight (otherwise nothing would ever clock the sender again).
  if (s.maxSndWnd > 0 && len >= s.maxSndWnd / 2) return true;
  return idle;
}

/** tcp_output: send whatever the windows, Nagle and the state allow; then any ACK that is due. */
export function tcpOutput(s: TcpSocket): void {
  let sentSomething = false;
  if (canSendData(s)) {
    for (;;) {
      const off = seqDiff(s.sndNxt, s.sndBufSeq);
      const unsent = s.sendBuf.length - off;
      const flight = seqDiff(s.sndNxt, s.sndUna);
      const win = Math.min(s.sndWnd, s.cwnd);
      const usable = win - flight;
      const idle = flight === 0;
      const finPos = seqAdd(s.sndBufSeq, s.sendBuf.length);
      if (unsent > 0 && usable > 0) {
        const len = Math.min(unsent, s.mss, usable);
        if (!shouldSend(s, len, unsent, idle)) break;
        const note: SegmentNote = seqLt(s.sndNxt, s.sndMax) ? 'rto-retransmit' : 'data';
        const r = sendDataAt(s, s.sndNxt, len, note);
        s.sndNxt = seqAdd(s.sndNxt, r.len + (r.fin ? 1 : 0));
        s.sndMax = seqMax(s.sndMax, s.sndNxt);
        sentSomething = true;
        continue;
      }
      if (unsent <= 0 && s.finQueued && s.sndNxt === finPos) {
        // The FIN takes no window (BSD sends it regardless of the offered window).
        const note: SegmentNote = s.finSent && seqLt(s.sndNxt, s.sndMax) ? 'rto-retransmit' : 'fin';
        sendDataAt(s, s.sndNxt, 0, note);
        s.sndNxt = seqAdd(s.sndNxt, 1);
        s.sndMax = seqMax(s.sndMax, s.sndNxt);
        sentSomething = true;
      }
      break;
    }
  }
  if (!sentSomething && s.ackNow && s.state !== 'CLOSED' && s.state !== 'LISTEN' && s.state !== 'SYN_SENT') {
    sendAck(s, s.pendingAckNote ?? 'ack');
  }
  // Persist first: a window that just opened cancels the persist timer, and only then can the
  // retransmission timer start for the data that went out (RFC 6298 §5.1).
  armPersist(s);
  armRetransmit(s);
}

/** Retransmit one segment at SND.UNA (fast retransmit, NewReno partial ACK). */
export function retransmitHead(s: TcpSocket, note: SegmentNote): void {
  if (seqGt(s.sndMax, s.sndUna)) {
    const len = Math.min(s.mss, Math.max(0, seqDiff(s.sndMax, s.sndUna)));
    const r = sendDataAt(s, s.sndUna, len, note);
    if (seqLt(s.sndNxt, seqAdd(s.sndUna, r.len + (r.fin ? 1 : 0)))) s.sndNxt = seqAdd(s.sndUna, r.len + (r.fin ? 1 : 0));
  }
}
