// The BSD socket calls on TCP sockets, with Linux's errno semantics (checked against real
// sockets on this machine: e.g. send() on an unconnected socket is EPIPE, recv() is ENOTCONN;
// queued data is readable before ECONNRESET is reported; after a reset send() fails with EPIPE).
import type { TcpSocket } from '../tcp/tcpSocket';
import type { TcpStack } from '../tcp/tcpStack';
import { queueFin, stopListening, tcpClose } from '../tcp/tcpClose';
import { selectWindow, tcpOutput } from '../tcp/tcpOutput';
import { recvResult, type DataSource } from './dataSource';
import { fail, ok, type Outcome } from './outcome';

/** connect(2) as Linux's __inet_stream_connect: EINPROGRESS for a non-blocking socket, whose
 *  outcome the next connect() collects (EALREADY while it runs, 0 once established, the error if
 *  it failed); EISCONN on a socket that is or was connected; a failed attempt leaves the socket
 *  disconnected (tcp_disconnect), so recv() is ENOTCONN and connect() may be tried again. */
export function tcpConnect(stack: TcpStack, s: TcpSocket, ip: string, port: number): Outcome {
  if (s.connecting) return connectOutcome(s) ?? fail('EALREADY');
  switch (s.state) {
    case 'SYN_SENT': case 'SYN_RECEIVED': return fail('EALREADY');
    case 'CLOSED': if (s.wasEstablished) return fail('EISCONN'); break;
    default: return fail('EISCONN'); // connected, closing, or listening (Linux says EISCONN)
  }
  const e = stack.connect(s, ip, port);
  if (e) return fail(e);
  if (s.nonblock) { s.connecting = true; return fail('EINPROGRESS'); }
  const wait = (): Outcome => connectOutcome(s) ?? { kind: 'block', waitingFor: 'handshake', on: s, retry: wait };
  return wait();
}

/** The outcome of a connection attempt, or null while the handshake is still running. */
function connectOutcome(s: TcpSocket): Outcome | null {
  if (s.state === 'SYN_SENT' || s.state === 'SYN_RECEIVED') return null;
  s.connecting = false;
  if (s.state === 'CLOSED') {
    const err = s.softError ?? 'ECONNABORTED'; // sock_error(), or ECONNABORTED if already reported
    s.softError = null;
    s.reset = false; // tcp_disconnect: the socket is as if never connected
    return fail(err);
  }
  return ok(0, { sock: s.name });
}

export function tcpAccept(l: TcpSocket, install: (c: TcpSocket) => number): Outcome {
  if (l.state !== 'LISTEN') return fail('EINVAL');
  const attempt = (): Outcome => {
    if (l.state !== 'LISTEN') return fail('EINVAL');
    const c = l.acceptQueue.shift();
    if (c) {
      c.parent = null;
      const fd = install(c);
      l.traceQueue();
      return ok(fd, { sid: c.sid, sock: c.name });
    }
    if (l.nonblock) return fail('EAGAIN');
    return { kind: 'block', waitingFor: 'connection', on: l, retry: attempt };
  };
  return attempt();
}

export function tcpSend(s: TcpSocket, src: DataSource): Outcome {
  let copied = 0;
  const attempt = (): Outcome => {
    if (s.softError) {
      const e = s.softError;
      s.softError = null;
      return copied > 0 ? ok(copied) : fail(e);
    }
    if (s.reset || s.wrShut) return copied > 0 ? ok(copied) : fail('EPIPE');
    switch (s.state) {
      case 'SYN_SENT': case 'SYN_RECEIVED':
        // sk_stream_wait_connect: a non-blocking socket does not wait for the handshake.
        if (s.nonblock) return copied > 0 ? ok(copied) : fail('EAGAIN');
        return { kind: 'block', waitingFor: 'handshake', on: s, retry: attempt };
      case 'ESTABLISHED': case 'CLOSE_WAIT':
        break;
      default:
        return copied > 0 ? ok(copied) : fail('EPIPE'); // never connected, or closed
    }
    const n = Math.min(s.sndSpace, src.length - copied);
    if (n > 0) {
      src.appendTo(s.sendBuf, copied, n);
      copied += n;
      tcpOutput(s);
      s.traceBuffer();
    }
    if (copied === src.length) return ok(copied);
    if (s.nonblock) return copied > 0 ? ok(copied) : fail('EAGAIN');
    return { kind: 'block', waitingFor: 'buffer-space', on: s, retry: attempt };
  };
  return attempt();
}

export function tcpRecv(s: TcpSocket, max: number, withFrom: boolean): Outcome {
  const attempt = (): Outcome => {
    // Linux: shutdown(SHUT_RD) does not discard queued (or later) data; reads return it, then 0.
    if (s.rcvQueue.length > 0 && max > 0) {
      const result = recvResult(s.rcvQueue.shiftTemporary(max), withFrom && s.remote ? `${s.remote.ip}:${s.remote.port}` : undefined);
      afterRead(s);
      return ok(result);
    }
    // Linux tcp_recvmsg order: once the peer's FIN has arrived (SOCK_DONE) a read returns 0 before
    // any pending error is looked at (the error stays for the next send()); then the error; then
    // a shut-down receive side.
    if (s.finReceived) return ok(emptyRead());
    if (s.softError) { const e = s.softError; s.softError = null; return fail(e); }
    if (max === 0 || s.rdShut || s.reset) return ok(emptyRead());
    switch (s.state) {
      case 'CLOSED': case 'LISTEN': return fail('ENOTCONN');
      default: break;
    }
    if (s.nonblock) return fail('EAGAIN');
    return { kind: 'block', waitingFor: 'data', on: s, retry: attempt };
  };
  return attempt();
}

const emptyRead = () => ({ bytes: 0, data: '' });

/** Reading made room: tell the peer if the window opened enough to matter (a window update). */
function afterRead(s: TcpSocket): void {
  s.traceBuffer();
  if (s.state === 'CLOSED' || s.state === 'TIME_WAIT' || s.state === 'LAST_ACK' || s.state === 'CLOSING' || s.state === 'CLOSE_WAIT') return;
  const wnd = selectWindow(s);
  // Compare with the window still open (as tcp_cleanup_rbuf), not with the window field last
  // sent: data that arrived since then has used part of it.
  const current = s.rcvWndOpen;
  const grew = wnd - current;
  if (grew > 0 && (grew >= Math.min(2 * s.mss, Math.floor(s.rcvBufSize / 2)) || (current < s.mss && wnd >= s.mss))) {
    s.ackNow = true;
    s.pendingAckNote = 'window-update';
    tcpOutput(s);
  }
}

export function tcpShutdown(s: TcpSocket, how: 'rd' | 'wr' | 'rdwr'): Outcome {
  switch (s.state) {
    case 'CLOSED': case 'SYN_SENT': return fail('ENOTCONN');
    case 'LISTEN':
      // Linux inet_shutdown: SHUT_WR on a listener does nothing; SHUT_RD/SHUT_RDWR stop it
      // listening (the socket keeps its fd and its bound port; new connections are refused).
      if (how !== 'wr') stopListening(s, `shutdown(SHUT_${how === 'rd' ? 'RD' : 'RDWR'})`); // wakes a blocked accept()
      return ok(0);
    default: break;
  }
  if (how !== 'wr') { s.rdShut = true; s.wake(); }
  if (how !== 'rd' && !s.wrShut) queueFin(s, `shutdown(SHUT_${how === 'wr' ? 'WR' : 'RDWR'})`);
  return ok(0);
}

export function tcpCloseCall(s: TcpSocket): Outcome {
  tcpClose(s);
  return ok(0);
}
