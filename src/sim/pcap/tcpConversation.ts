// One TCP connection seen in a capture: Wireshark-style relative sequence numbers, window
// scaling, and each endpoint's RFC 9293 state inferred from the segments it sends and receives.
import { ACK, FIN, RST, SYN, type Packet, type TcpHeader } from '../net/packet';
import type { SegmentNote, SegmentRecord, TcpState } from '../trace/records';

export interface TcpSide {
  /** "ip:port" */
  ep: string;
  /** Socket id for state records: unique per endpoint of each connection, in order of appearance. */
  sid: number;
  /** Wireshark's relative-sequence base: the ISN, or first seq − 1 when the SYN was not seen. */
  base?: number;
  /** Window-scale shift from this side's SYN; null = SYN without the option; undefined = no SYN seen. */
  ws?: number | null;
  synCount: number;
  /** Sent a SYN without ACK (active open): its first pure ACK is the handshake's third segment. */
  activeOpen: boolean;
  sentNonSyn: boolean;
  state: TcpState;
  /** The ack number that acknowledges this side's FIN. */
  finAck?: number;
  peerFinSeen: boolean;
}

export interface StateChange {
  side: TcpSide;
  peer: TcpSide;
  from: TcpState;
  to: TcpState;
  cause: string;
}

type Numbers = Pick<SegmentRecord, 'seq' | 'ack' | 'rseq' | 'rack' | 'win' | 'len' | 'opts' | 'note'>;

const seqGE = (a: number, b: number) => ((a - b) | 0) >= 0;

export class TcpConversation {
  readonly a: TcpSide;
  readonly b: TcpSide;
  /** The capture did not see the connection open: states start at ESTABLISHED. */
  readonly midway: boolean;
  /** State records to emit before the first segment: the assumed starting states. */
  readonly initial: StateChange[] = [];
  started = false;
  sawNonSyn = false;

  /** `sids`: the socket ids for the initiator and the other side. */
  constructor(first: Packet, srcEp: string, dstEp: string, sids: [number, number]) {
    const f = first.tcp!.flags;
    const side = (ep: string, state: TcpState, initiator: boolean): TcpSide => ({ ep, sid: sids[initiator ? 0 : 1], synCount: 0, activeOpen: false, sentNonSyn: false, state, peerFinSeen: false });
    this.midway = !(f & SYN) || (f & RST) !== 0;
    if (this.midway) {
      this.a = side(srcEp, 'ESTABLISHED', true);
      this.b = side(dstEp, 'ESTABLISHED', false);
      this.initial.push(assumed(this.a, this.b, 'ESTABLISHED'), assumed(this.b, this.a, 'ESTABLISHED'));
    } else if (f & ACK) {
      // The capture starts at the SYN-ACK: the sender is the server, the receiver had sent a SYN.
      this.b = side(srcEp, 'LISTEN', false);
      this.a = side(dstEp, 'SYN_SENT', true);
      this.initial.push(assumed(this.a, this.b, 'SYN_SENT'));
    } else {
      this.a = side(srcEp, 'CLOSED', true);
      this.b = side(dstEp, 'LISTEN', false);
    }
  }

  sides(srcEp: string): [TcpSide, TcpSide] {
    return srcEp === this.a.ep ? [this.a, this.b] : [this.b, this.a];
  }

  /** A SYN that starts a new connection on the same 4-tuple rather than retransmitting. */
  isNewIncarnation(srcEp: string, h: TcpHeader): boolean {
    if ((h.flags & (SYN | ACK)) !== SYN) return false;
    const [s] = this.sides(srcEp);
    if (s.synCount > 0) return s.base !== h.seq;
    return this.sawNonSyn || this.midway;
  }

  /** Relative numbers, scaled window, options and note of the next segment, in capture order. */
  numbers(srcEp: string, h: TcpHeader): Numbers {
    const [s, r] = this.sides(srcEp);
    const f = h.flags;
    if (f & SYN) {
      s.base = h.seq;
      const ws = h.options.find((o) => o.kind === 'wscale');
      s.ws = ws && ws.kind === 'wscale' ? Math.min(ws.shift, 14) : null; // RFC 7323 §2.3: at most 14
      s.synCount++;
      if (!(f & ACK)) s.activeOpen = true;
    } else {
      if (s.base === undefined) s.base = (h.seq - 1) >>> 0; // as Wireshark: the first unseen-SYN segment is rseq 1
      this.sawNonSyn = true;
    }
    if (f & ACK && r.base === undefined) r.base = (h.ack - 1) >>> 0;
    const scaled = !(f & SYN) && s.ws != null && r.ws != null;
    const out: Numbers = {
      seq: h.seq, ack: h.ack, rseq: (h.seq - s.base) >>> 0, rack: f & ACK ? (h.ack - r.base!) >>> 0 : 0,
      win: scaled ? h.window * 2 ** s.ws! : h.window, len: h.payload.length,
    };
    if (f & SYN) {
      const opts: NonNullable<Numbers['opts']> = {};
      for (const o of h.options) {
        if (o.kind === 'mss') opts.mss = o.value;
        else if (o.kind === 'wscale') opts.wscale = o.shift;
        else if (o.kind === 'sackPermitted') opts.sackPermitted = true;
      }
      if (Object.keys(opts).length > 0) out.opts = opts;
    }
    const note = noteFor(s, h);
    if (note) out.note = note;
    if (!(f & SYN)) s.sentNonSyn = true;
    return out;
  }

  /** State changes of the sender when the segment leaves it. */
  onSend(srcEp: string, h: TcpHeader): StateChange[] {
    const [s, peer] = this.sides(srcEp);
    const out: StateChange[] = [];
    const move = (to: TcpState, cause: string) => change(out, s, peer, to, cause);
    const f = h.flags;
    if (f & RST) {
      // A RST from a side we took for a listener means nothing listened: it had no socket.
      if (s.state !== 'LISTEN' && s.state !== 'CLOSED') move('CLOSED', 'snd RST');
      return out;
    }
    if (f & SYN) {
      if (!(f & ACK) && (s.state === 'CLOSED' || s.state === 'LISTEN')) {
        // LISTEN was only our guess for the side that did not send the first SYN; one that sends
        // a SYN of its own connected too (simultaneous open), so it came from CLOSED.
        s.state = 'CLOSED';
        move('SYN_SENT', 'snd SYN');
      }
      else if (f & ACK && s.state === 'LISTEN') move('SYN_RECEIVED', 'rcv SYN, snd SYN,ACK');
    } else if ((s.state === 'SYN_SENT' || s.state === 'SYN_RECEIVED') && f & ACK) {
      // Only a side that completed the handshake sends this; the segment that completed it is
      // missing from the capture.
      move('ESTABLISHED', 'handshake completed (not captured)');
    }
    if (f & FIN) {
      if (s.finAck === undefined) s.finAck = (h.seq + (f & SYN ? 1 : 0) + h.payload.length + 1) >>> 0;
      if (s.state === 'ESTABLISHED' || s.state === 'SYN_RECEIVED') move('FIN_WAIT_1', 'close, snd FIN');
      else if (s.state === 'CLOSE_WAIT') move('LAST_ACK', 'close, snd FIN');
    }
    return out;
  }

  /** State changes of the receiver when the segment arrives. */
  onReceive(srcEp: string, h: TcpHeader): StateChange[] {
    const [peer, r] = this.sides(srcEp);
    const out: StateChange[] = [];
    const move = (to: TcpState, cause: string) => change(out, r, peer, to, cause);
    const f = h.flags;
    if (f & RST) {
      if (r.state !== 'LISTEN' && r.state !== 'CLOSED') move('CLOSED', 'rcv RST');
      return out;
    }
    if (f & SYN) {
      if (!(f & ACK)) {
        if (r.state === 'SYN_SENT') move('SYN_RECEIVED', 'rcv SYN (simultaneous open)');
        return out;
      }
      if (r.state === 'SYN_SENT' || r.state === 'SYN_RECEIVED') move('ESTABLISHED', 'rcv SYN,ACK, snd ACK');
    } else if (f & ACK) {
      if (r.state === 'SYN_RECEIVED') move('ESTABLISHED', 'rcv ACK');
      if (r.finAck !== undefined && seqGE(h.ack, r.finAck)) {
        if (r.state === 'FIN_WAIT_1') move('FIN_WAIT_2', 'rcv ACK of FIN');
        else if (r.state === 'CLOSING') move('TIME_WAIT', 'rcv ACK of FIN');
        else if (r.state === 'LAST_ACK') move('CLOSED', 'rcv ACK of FIN');
      }
    }
    if (f & FIN && !r.peerFinSeen) {
      r.peerFinSeen = true;
      if (r.state === 'ESTABLISHED' || r.state === 'SYN_RECEIVED') move('CLOSE_WAIT', 'rcv FIN');
      else if (r.state === 'FIN_WAIT_1') move('CLOSING', 'rcv FIN');
      else if (r.state === 'FIN_WAIT_2') move('TIME_WAIT', 'rcv FIN');
    }
    return out;
  }
}

function assumed(side: TcpSide, peer: TcpSide, to: TcpState): StateChange {
  return { side, peer, from: 'CLOSED', to, cause: 'capture start (assumed)' };
}

function change(out: StateChange[], side: TcpSide, peer: TcpSide, to: TcpState, cause: string): void {
  if (side.state === to) return;
  out.push({ side, peer, from: side.state, to, cause });
  side.state = to;
}

function noteFor(s: TcpSide, h: TcpHeader): SegmentNote | undefined {
  const f = h.flags;
  if (f & RST) return undefined;
  if (f & SYN) {
    const again = s.synCount > 1;
    if (f & ACK) return again ? 'synack-retransmit' : 'syn-ack';
    return again ? 'syn-retransmit' : 'syn';
  }
  if (f & FIN) return 'fin';
  if (h.payload.length > 0) return 'data';
  if (s.activeOpen && !s.sentNonSyn && f & ACK) return 'handshake-ack';
  return f & ACK ? 'ack' : undefined;
}
