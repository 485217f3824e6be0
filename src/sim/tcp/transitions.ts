// The transitions of RFC 9293's state diagram (§3.3.2, Figure 5) plus those its text describes
// (§3.10.7.4: FIN-WAIT-1 → TIME-WAIT when a FIN acks our FIN; resets, aborts and timeouts go to
// CLOSED from any state). Every state change in the simulator is checked against this table.
import type { TcpState } from '../trace/records';

export interface Transition {
  from: TcpState;
  to: TcpState;
  /** What causes it, in the diagram's words. */
  on: string;
}

export const DIAGRAM_TRANSITIONS: readonly Transition[] = [
  { from: 'CLOSED', to: 'LISTEN', on: 'passive OPEN (listen)' },
  { from: 'CLOSED', to: 'SYN_SENT', on: 'active OPEN (connect), snd SYN' },
  { from: 'LISTEN', to: 'SYN_RECEIVED', on: 'rcv SYN, snd SYN,ACK' },
  { from: 'LISTEN', to: 'CLOSED', on: 'CLOSE' },
  { from: 'SYN_SENT', to: 'SYN_RECEIVED', on: 'rcv SYN (simultaneous open), snd SYN,ACK' },
  { from: 'SYN_SENT', to: 'ESTABLISHED', on: 'rcv SYN,ACK, snd ACK' },
  { from: 'SYN_SENT', to: 'CLOSED', on: 'CLOSE, RST or timeout' },
  { from: 'SYN_RECEIVED', to: 'ESTABLISHED', on: 'rcv ACK of SYN' },
  { from: 'SYN_RECEIVED', to: 'FIN_WAIT_1', on: 'CLOSE, snd FIN' },
  { from: 'SYN_RECEIVED', to: 'CLOSED', on: 'rcv RST or timeout' },
  { from: 'ESTABLISHED', to: 'FIN_WAIT_1', on: 'CLOSE, snd FIN' },
  { from: 'ESTABLISHED', to: 'CLOSE_WAIT', on: 'rcv FIN, snd ACK' },
  { from: 'ESTABLISHED', to: 'CLOSED', on: 'rcv RST, abort or timeout' },
  { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', on: 'rcv ACK of FIN' },
  { from: 'FIN_WAIT_1', to: 'CLOSING', on: 'rcv FIN, snd ACK' },
  { from: 'FIN_WAIT_1', to: 'TIME_WAIT', on: 'rcv FIN + ACK of FIN, snd ACK' },
  { from: 'FIN_WAIT_1', to: 'CLOSED', on: 'rcv RST, abort or timeout' },
  { from: 'FIN_WAIT_2', to: 'TIME_WAIT', on: 'rcv FIN, snd ACK' },
  { from: 'FIN_WAIT_2', to: 'CLOSED', on: 'rcv RST, abort or FIN_WAIT_2 timeout' },
  { from: 'CLOSE_WAIT', to: 'LAST_ACK', on: 'CLOSE, snd FIN' },
  { from: 'CLOSE_WAIT', to: 'CLOSED', on: 'rcv RST, abort or timeout' },
  { from: 'CLOSING', to: 'TIME_WAIT', on: 'rcv ACK of FIN' },
  { from: 'CLOSING', to: 'CLOSED', on: 'rcv RST or timeout' },
  { from: 'LAST_ACK', to: 'CLOSED', on: 'rcv ACK of FIN' },
  { from: 'TIME_WAIT', to: 'CLOSED', on: 'timeout = 2MSL' },
];

const allowed = new Set(DIAGRAM_TRANSITIONS.map((t) => `${t.from}>${t.to}`));

export function isDiagramTransition(from: TcpState, to: TcpState): boolean {
  return allowed.has(`${from}>${to}`);
}
