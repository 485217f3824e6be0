// The socket calls on a raw ICMP socket. Receive only: recv/recvfrom return the whole IPv4 packet
// (IP header + ICMP message) as Linux raw(7) does; sending, connecting and listening are not
// modelled (EOPNOTSUPP), bind is accepted and ignored (a raw socket has no port).
import type { Step } from '../../scenarios/schema';
import type { Host } from '../net/host';
import type { RawSocket } from '../raw/rawSocket';
import { recvResult } from './dataSource';
import { fail, ok, type Outcome } from './outcome';

export function rawCall(host: Host, s: RawSocket, step: Exclude<Step, { op: 'socket' | 'sleep' | 'spawn' | 'poll' | 'setsockopt' }>): Outcome {
  switch (step.op) {
    case 'recv':
    case 'recvfrom':
      return rawRecv(s, step.max);
    case 'close':
      host.fds.delete(s.fd!);
      host.raw.close(s);
      return ok(0);
    case 'bind':
      return ok(0, { sock: s.name });
    case 'shutdown':
      return fail('ENOTCONN');
    default:
      return fail('EOPNOTSUPP');
  }
}

export function rawRecv(s: RawSocket, max: number): Outcome {
  const attempt = (): Outcome => {
    if (s.closed) return fail('EBADF');
    const p = s.queue.shift();
    if (p) {
      s.queuedBytes -= p.data.length;
      // A read shorter than the packet truncates it (the rest is lost), as for a datagram.
      const b = p.data.subarray(0, Math.min(max, p.data.length));
      const r = recvResult(b, p.from);
      // A packet is binary: always give its hex (recvResult adds it only when the bytes are not UTF-8).
      return ok(r.hex !== undefined ? r : { bytes: r.bytes, data: r.data, hex: hexOf(b), from: r.from });
    }
    if (s.nonblock) return fail('EAGAIN');
    return { kind: 'block', waitingFor: 'datagram', on: s, retry: attempt };
  };
  return attempt();
}

function hexOf(b: Uint8Array): string {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex;
}
