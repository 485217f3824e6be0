// The socket calls on UDP sockets: datagrams keep their boundaries; a read shorter than the
// datagram truncates it (the rest is lost, as with MSG_TRUNC); ICMP errors surface per profile.
import type { UdpSocket, UdpStack } from '../udp/udpSocket';
import { recvResult, type DataSource } from './dataSource';
import { fail, ok, type Outcome } from './outcome';

export function udpConnect(stack: UdpStack, s: UdpSocket, ip: string, port: number): Outcome {
  const e = stack.autobind(s);
  if (e) return fail(e);
  if (s.local!.ip === '0.0.0.0') s.local = { ip: ip.startsWith('127.') ? ip : s.host.ip, port: s.local!.port };
  s.remote = { ip, port };
  return ok(0, { sock: s.name });
}

export function udpSendTo(stack: UdpStack, s: UdpSocket, dest: { ip: string; port: number } | null, src: DataSource): Outcome {
  if (s.softError) { const e = s.softError; s.softError = null; return fail(e); }
  const to = dest ?? s.remote;
  if (!to) return fail('EDESTADDRREQ');
  const e = stack.sendto(s, to.ip, to.port, src.slice(0, src.length));
  return e ? fail(e) : ok(src.length);
}

export function udpRecv(s: UdpSocket, max: number): Outcome {
  const attempt = (): Outcome => {
    if (s.closed) return fail('EBADF');
    // A pending ICMP error is reported before queued datagrams (Linux __skb_recv_udp checks
    // sock_error first; checked with Python on loopback: ECONNREFUSED, then the data, then EAGAIN).
    if (s.softError) { const e = s.softError; s.softError = null; return fail(e); }
    const d = s.queue.shift();
    if (d) {
      s.queuedBytes -= d.data.length;
      const bytes = d.data.subarray(0, Math.min(max, d.data.length));
      return ok(recvResult(bytes, `${d.from.ip}:${d.from.port}`));
    }
    if (s.nonblock) return fail('EAGAIN');
    return { kind: 'block', waitingFor: 'datagram', on: s, retry: attempt };
  };
  return attempt();
}
