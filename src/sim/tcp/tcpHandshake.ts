// Opening connections: connect() (active open), a listener answering a SYN (passive open, with the
// SYN and accept queues), SYN options (MSS, window scale) and the move to ESTABLISHED.
import { ACK, RST, SYN, type Packet } from '../net/packet';
import { seqAdd } from './seq';
import { TcpSocket } from './tcpSocket';
import { rttSample } from './rtt';
import { initCongestion } from './congestion';
import { chooseShift, sendRstFor, sendSyn, sendSynAck, tcpOutput } from './tcpOutput';
import { startSynTimer } from './tcpTimers';

/** Effective send MSS and window scaling from the peer's SYN (RFC 9293 §3.7.1, RFC 7323 §2.2). */
export function readSynOptions(s: TcpSocket, p: Packet): void {
  const t = p.tcp!;
  let peerMss = 536; // RFC 9293 §3.7.1: the default when no MSS option arrives
  let peerShift: number | null = null;
  for (const o of t.options) {
    if (o.kind === 'mss') peerMss = o.value;
    if (o.kind === 'wscale') peerShift = Math.min(o.shift, 14);
  }
  s.mss = Math.max(1, Math.min(peerMss, s.opts.mss, s.host.mtuTo(p.src) - 40));
  if (peerShift !== null && s.offeredShift !== null) {
    s.sndShift = peerShift;
    s.rcvShift = s.offeredShift;
  } else {
    // Scaling applies only when both sides offered it.
    s.sndShift = 0;
    s.rcvShift = 0;
    if (s.state !== 'SYN_SENT') s.offeredShift = null;
  }
}

/** connect(): pick the ISN, send SYN, SYN_SENT. The caller has set local and remote. */
export function activeOpen(s: TcpSocket): void {
  s.iss = s.host.rng.u32();
  s.sndUna = s.iss;
  s.sndNxt = s.iss;
  s.sndMax = s.iss;
  s.sndSml = s.iss;
  s.sndBufSeq = seqAdd(s.iss, 1);
  s.offeredShift = chooseShift(s);
  s.setState('SYN_SENT', 'connect');
  s.rttSeq = seqAdd(s.iss, 1);
  s.rttStart = s.host.sched.now;
  sendSyn(s, 'syn');
  startSynTimer(s);
}

/** SYN-RECEIVED → ESTABLISHED (our SYN is acknowledged). */
export function establish(s: TcpSocket, seq: number, ack: number, wnd: number): void {
  s.sndUna = ack;
  s.cancelTimer('rto');
  if (s.synRetransmits === 0 && s.rttSeq !== null) rttSample(s, (s.host.sched.now - s.rttStart) / 1000);
  else if (s.srtt === null) s.rto = Math.max(s.rto, 3000); // RFC 6298 §5.7
  s.rttSeq = null;
  s.sndWnd = wnd;
  s.maxSndWnd = Math.max(s.maxSndWnd, wnd);
  s.sndWl1 = seq;
  s.sndWl2 = ack;
  s.setState('ESTABLISHED', 'rcv ACK of SYN');
  initCongestion(s);
  const parent = s.parent;
  if (parent) {
    parent.synQueue = parent.synQueue.filter((c) => c !== s);
    parent.acceptQueue.push(s);
    parent.traceQueue();
    parent.wake(); // accept() can return
  }
  tcpOutput(s);
}

/** §3.10.7.2 LISTEN STATE. */
export function listenInput(l: TcpSocket, p: Packet): void {
  const t = p.tcp!;
  if (t.flags & RST) return; // "An incoming RST segment could not be valid… it should be ignored."
  if (t.flags & ACK) {
    // "Any acknowledgment is bad if it arrives on a connection still in the LISTEN state."
    sendRstFor(l.host, p, 'rst-bad-ack');
    return;
  }
  if (!(t.flags & SYN)) return;
  if (l.acceptQueue.length >= l.acceptMax || l.synQueue.length >= l.synMax) {
    // Queues full: Linux drops the SYN silently (the client retries); optionally answer RST.
    if (l.opts.synOverflow === 'rst') sendRstFor(l.host, p, 'rst-backlog');
    else l.host.discard(p, 'backlog');
    return;
  }
  const c = new TcpSocket(l.host, l.opts);
  c.stack = l.stack;
  c.parent = l;
  c.passiveOpen = true;
  c.local = { ip: p.dst, port: l.local!.port };
  c.remote = { ip: p.src, port: t.srcPort };
  c.reuseAddr = l.reuseAddr;
  c.linger = l.linger;
  c.nodelay = l.nodelay;
  c.sndBufSize = l.sndBufSize;
  c.rcvBufSize = l.rcvBufSize;
  c.state = 'LISTEN'; // the child starts as its listener's copy (the diagram's LISTEN → SYN-RECEIVED)
  c.irs = t.seq;
  c.rcvNxt = seqAdd(t.seq, 1);
  c.iss = l.host.rng.u32();
  c.sndUna = c.iss;
  c.sndNxt = c.iss;
  c.sndMax = c.iss;
  c.sndSml = c.iss;
  c.sndBufSeq = seqAdd(c.iss, 1);
  c.offeredShift = chooseShift(c);
  readSynOptions(c, p);
  c.sndWnd = t.window; // unscaled in a SYN
  c.sndWl1 = t.seq;
  l.stack.hashConnection(c);
  l.synQueue.push(c);
  c.setState('SYN_RECEIVED', 'rcv SYN');
  l.traceQueue();
  c.rttSeq = seqAdd(c.iss, 1);
  c.rttStart = c.host.sched.now;
  sendSynAck(c, 'syn-ack');
  startSynTimer(c);
}

export { sendSyn };
