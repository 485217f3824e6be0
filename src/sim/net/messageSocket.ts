// What UDP and raw sockets share: a receive queue of whole messages counted against the receive
// buffer, blocking callers waiting on it, and the flags setsockopt sets.
import type { HostContext } from './hostContext';
import type { TcpOptions } from '../tcp/profiles';
import { WaitList } from '../engine/waitList';

export class MessageSocket<M> {
  readonly sid: number;
  fd: number | undefined;
  /** Received messages not yet read; queuedBytes counts their lengths against rcvBufSize. */
  queue: M[] = [];
  queuedBytes = 0;
  rcvBufSize: number;
  sndBufSize: number;
  nonblock = false;
  reuseAddr = false;
  closed = false;
  readonly waiters: WaitList;

  constructor(readonly host: HostContext, opts: TcpOptions) {
    this.sid = host.nextSid();
    this.waiters = new WaitList(host.sched);
    this.rcvBufSize = opts.rcvbuf;
    this.sndBufSize = opts.sndbuf;
  }

  /** Wake blocked callers once, after the current event (they re-check their condition). */
  wake(): void {
    this.waiters.wake();
  }
}
