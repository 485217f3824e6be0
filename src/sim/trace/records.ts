// Trace records: the one output of the simulator and the one input of every view.
// Names and required fields follow shared/spec/scenario-and-trace.md; the extra record types
// (buffer, cwnd, queue, block, program) and optional fields are SocketLab's extensions.
import type { FlagName } from '../net/packet';

export type TcpState =
  | 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED'
  | 'FIN_WAIT_1' | 'FIN_WAIT_2' | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';

export const TCP_STATES: readonly TcpState[] = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED',
  'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
];

/** Linux's names (ss/netstat) for the states where they differ from RFC 9293's. */
export const LINUX_STATE_ALIAS: Partial<Record<TcpState, string>> = {
  SYN_RECEIVED: 'SYN_RECV',
  CLOSED: 'CLOSE',
  LISTEN: 'LISTEN',
};

export type Errno =
  | 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET' | 'EADDRINUSE' | 'EPIPE' | 'ENOTCONN'
  | 'EAGAIN' | 'EACCES' | 'EPERM' | 'EINTR' | 'EMSGSIZE' | 'EBADF' | 'EINVAL' | 'EISCONN'
  | 'EALREADY' | 'EINPROGRESS' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EOPNOTSUPP' | 'EDESTADDRREQ'
  | 'EADDRNOTAVAIL' | 'ENOTSOCK' | 'EAFNOSUPPORT' | 'ECONNABORTED' | 'EMFILE' | 'ENOPROTOOPT';

/** Why a segment was sent: lets views narrate without re-deriving protocol logic. */
export type SegmentNote =
  | 'syn' | 'syn-ack' | 'handshake-ack' | 'data' | 'ack' | 'delayed-ack' | 'dup-ack'
  | 'window-update' | 'fin' | 'rto-retransmit' | 'fast-retransmit' | 'syn-retransmit'
  | 'synack-retransmit' | 'zero-window-probe' | 'challenge-ack' | 'keepalive'
  | 'rst-no-listener' | 'rst-abort' | 'rst-unread-data' | 'rst-data-after-close'
  | 'rst-bad-ack' | 'rst-listener-closed' | 'rst-timeout' | 'rst-backlog';

/** Why a packet was dropped. */
export type DropReason =
  | 'loss'         // random loss on the link (network.loss)
  | 'fault'        // a deterministic fault from the scenario
  | 'mtu'          // larger than the link MTU with DF set
  | 'no-host'      // no host has the destination address
  | 'backlog'      // a listener's SYN or accept queue was full (dropped by the receiving host)
  | 'rcvbuf'       // a UDP socket's receive buffer was full
  | 'invalid';     // discarded by the receiving TCP (e.g. out of window, checksum)

export type CallArgs = Record<string, unknown>;

interface Base { t: number }

export interface CallRecord extends Base {
  type: 'call';
  host: string;
  op: string;
  args: CallArgs;
  /** Unique per call; the matching `return` carries the same id. */
  id: number;
  /** Index of the program in scenario.programs and of the step in its steps. */
  prog: number;
  step: number;
  /** The fd the call operates on, when it names a socket, and that socket's id. */
  fd?: number;
  sid?: number;
}

export interface RecvResult { bytes: number; data: string; hex?: string; from?: string }

/** poll(): the names of the sockets that are ready (readable, or a listener with a connection). */
export interface PollResult { ready: string[] }

export function isRecvResult(r: unknown): r is RecvResult {
  return typeof r === 'object' && r !== null && 'bytes' in r;
}

export interface ReturnRecord extends Base {
  type: 'return';
  host: string;
  op: string;
  id: number;
  prog: number;
  step: number;
  result?: number | RecvResult | PollResult;
  error?: Errno;
  /** For socket()/accept(): the new socket's id and name; for connect(): the socket's name once bound. */
  sid?: number;
  sock?: string;
}

/** A call that could not complete at once and now waits (accept, connect, recv, send…). */
export interface BlockRecord extends Base {
  type: 'block';
  host: string;
  op: string;
  id: number;
  prog: number;
  step: number;
  /** What it waits for, as a key the views translate. */
  waitingFor: 'connection' | 'handshake' | 'data' | 'buffer-space' | 'sleep' | 'datagram' | 'readable';
}

export type PacketEvent = 'send' | 'deliver' | 'drop' | 'duplicate';

export interface SegmentRecord extends Base {
  type: 'segment';
  event: PacketEvent;
  id: number;
  src: string;
  dst: string;
  flags: FlagName[];
  seq: number;
  ack: number;
  rseq: number;
  rack: number;
  len: number;
  win: number;
  /** Hosts by scenario name, for views that place lifelines. */
  from: string;
  to: string;
  note?: SegmentNote;
  reason?: DropReason;
  /** TCP options present (SYN/SYN-ACK), e.g. { mss: 1460, wscale: 7 }. */
  opts?: { mss?: number; wscale?: number; sackPermitted?: boolean };
  /** For `deliver`/`drop` of a duplicated packet: 1 for the copy. */
  copy?: number;
}

export interface DatagramRecord extends Base {
  type: 'datagram';
  event: PacketEvent;
  id: number;
  src: string;
  dst: string;
  len: number;
  from: string;
  to: string;
  reason?: DropReason;
  copy?: number;
}

export interface IcmpRecord extends Base {
  type: 'icmp';
  event: PacketEvent;
  id: number;
  src: string;
  dst: string;
  kind: 'port-unreachable' | 'host-unreachable' | 'frag-needed';
  /** The id of the packet that caused this message. */
  about: number;
  from: string;
  to: string;
  reason?: DropReason;
  copy?: number;
}

export interface StateRecord extends Base {
  type: 'state';
  host: string;
  sock: string;
  /** Stable id of the socket for the whole run (its `sock` name gains the remote end on connect). */
  sid: number;
  from: TcpState;
  to: TcpState;
  /** fd of the socket in its host's table, when it has one (an unaccepted child has none). */
  fd?: number;
  /** Why the change happened, e.g. 'rcv SYN', 'close', 'rto give-up'. */
  cause?: string;
}

export type TimerName = 'rto' | 'time-wait' | 'persist' | 'delayed-ack' | 'keepalive' | 'fin-wait-2';

export interface TimerRecord extends Base {
  type: 'timer';
  host: string;
  sock: string;
  /** Stable id of the socket for the whole run (its `sock` name gains the remote end on connect). */
  sid: number;
  timer: TimerName;
  event: 'set' | 'fire' | 'cancel';
  /** For `set`: virtual time (ms) at which it will fire. */
  at?: number;
  /** For rto: how many times it has backed off. */
  backoff?: number;
}

/** Send/receive buffer occupancy of a socket, after any change. */
export interface BufferRecord extends Base {
  type: 'buffer';
  host: string;
  sock: string;
  /** Stable id of the socket for the whole run (its `sock` name gains the remote end on connect). */
  sid: number;
  /** Send buffer: capacity, bytes not yet sent, bytes sent but not acknowledged. */
  sndSize: number;
  sndUnsent: number;
  sndInFlight: number;
  /** Receive buffer: capacity, bytes received in order but not yet read, bytes held out of order. */
  rcvSize: number;
  rcvUnread: number;
  rcvOutOfOrder: number;
  /** Window we last advertised and the peer's window as we know it (bytes, scaled). */
  rcvWnd: number;
  sndWnd: number;
}

/** Congestion control and RTT estimator state (RFC 5681, RFC 6298). */
export interface CwndRecord extends Base {
  type: 'cwnd';
  host: string;
  sock: string;
  /** Stable id of the socket for the whole run (its `sock` name gains the remote end on connect). */
  sid: number;
  cwnd: number;
  ssthresh: number;
  phase: 'slow-start' | 'congestion-avoidance' | 'fast-recovery';
  srtt?: number;
  rttvar?: number;
  rto: number;
}

/** A listening socket's queues. */
export interface QueueRecord extends Base {
  type: 'queue';
  host: string;
  sock: string;
  /** Stable id of the socket for the whole run (its `sock` name gains the remote end on connect). */
  sid: number;
  synQueue: number;
  acceptQueue: number;
  /** Capacity of the accept queue (depends on the profile: n or n+1). */
  acceptMax: number;
  synMax: number;
}

export interface ProgramRecord extends Base {
  type: 'program';
  host: string;
  prog: number;
  event: 'start' | 'end' | 'stopped';
  /** For `stopped`: the failed step that had `expect: "ok"`. */
  step?: number;
  error?: Errno;
}

export type TraceRecord =
  | CallRecord | ReturnRecord | BlockRecord | SegmentRecord | DatagramRecord | IcmpRecord
  | StateRecord | TimerRecord | BufferRecord | CwndRecord | QueueRecord | ProgramRecord;

export type TraceType = TraceRecord['type'];
