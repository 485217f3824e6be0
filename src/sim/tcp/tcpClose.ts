// Ending connections: the application's close() and shutdown(), aborts (RST sent or received,
// timeouts) and the final clean-up that frees the 4-tuple and the port.
import type { Errno, SegmentNote } from '../trace/records';
import type { TcpSocket } from './tcpSocket';
import { sendRst, tcpOutput } from './tcpOutput';
import { armFinWait2 } from './tcpTimers';

/** The socket reached CLOSED: stop its timers and take it out of the lookup tables. */
export function finishClose(s: TcpSocket): void {
  s.cancelAllTimers();
  s.stack.unhash(s);
  if (s.parent) {
    const p = s.parent;
    p.synQueue = p.synQueue.filter((c) => c !== s);
    // A connection that already reached the accept queue stays there: accept() returns it and
    // its reset is reported on it (Linux, checked with Python: data, then ECONNRESET, then 0).
    if (!(p.state === 'LISTEN' && p.acceptQueue.includes(s))) {
      p.acceptQueue = p.acceptQueue.filter((c) => c !== s);
      s.parent = null;
    }
    if (p.state === 'LISTEN') p.traceQueue();
  }
  if (s.orphan || !s.explicitBind) s.stack.releasePort(s);
  s.wake();
}

/** Abort: optionally send RST, remember the error for the application, go to CLOSED. */
export function abortConnection(s: TcpSocket, errno: Errno | null, cause: string, rst: SegmentNote | null): void {
  if (rst && s.remote && s.state !== 'CLOSED' && s.state !== 'LISTEN' && s.state !== 'SYN_SENT') sendRst(s, rst);
  if (errno) s.softError = errno;
  s.reset = true;
  s.sendBuf.clear();
  if (s.state !== 'CLOSED') s.setState('CLOSED', cause);
  finishClose(s);
}

/** A listener stops: LISTEN → CLOSED; connections not yet accepted are reset (established ones)
 *  or vanish (half-open ones), as Linux's inet_csk_listen_stop does. */
export function stopListening(s: TcpSocket, cause: string): void {
  const children = [...s.synQueue, ...s.acceptQueue];
  s.setState('CLOSED', cause);
  for (const c of children) {
    c.orphan = true;
    abortConnection(c, null, 'listener closed', c.state === 'SYN_RECEIVED' ? null : 'rst-listener-closed');
  }
  s.synQueue = [];
  s.acceptQueue = [];
  finishClose(s);
}

/** close(2) on a TCP socket (RFC 9293 §3.10.4, with Linux's RST rules). */
export function tcpClose(s: TcpSocket): void {
  s.orphan = true;
  s.fd = undefined; // the descriptor is free again; the connection lives on in the kernel
  const abortive = s.linger === 0;
  switch (s.state) {
    case 'CLOSED':
      finishClose(s);
      return;
    case 'LISTEN':
      stopListening(s, 'close');
      return;
    case 'SYN_SENT':
      s.setState('CLOSED', 'close');
      finishClose(s);
      return;
    default:
      break;
  }
  const needsReset = s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT' || s.state === 'FIN_WAIT_1' || s.state === 'FIN_WAIT_2' || s.state === 'SYN_RECEIVED';
  if (abortive && needsReset) {
    // SO_LINGER with a zero timeout: abortive close, RST instead of FIN.
    abortConnection(s, null, 'close with SO_LINGER 0', 'rst-abort');
    return;
  }
  if (s.rcvQueue.length > 0 && (needsReset || s.state === 'CLOSING' || s.state === 'LAST_ACK')) {
    // RFC 2525 §2.17 / Linux tcp_close: closing with unread data resets the connection (Linux
    // checks data_was_unread before looking at the state, so CLOSING and LAST_ACK reset too).
    abortConnection(s, null, 'close with unread data', 'rst-unread-data');
    return;
  }
  if (s.state === 'TIME_WAIT' || s.state === 'CLOSING' || s.state === 'LAST_ACK' || s.state === 'FIN_WAIT_1') return;
  if (s.state === 'FIN_WAIT_2') {
    armFinWait2(s);
    return;
  }
  queueFin(s, 'close');
}

/** shutdown(SHUT_WR): send a FIN after the queued data; the socket can still receive. */
export function queueFin(s: TcpSocket, cause: string): void {
  if (s.finQueued) return;
  s.wrShut = true;
  s.finQueued = true;
  if (s.state === 'ESTABLISHED' || s.state === 'SYN_RECEIVED') s.setState('FIN_WAIT_1', cause);
  else if (s.state === 'CLOSE_WAIT') s.setState('LAST_ACK', cause);
  tcpOutput(s);
}
