// Retransmission timeout estimation (RFC 6298 §2). Times are in ms.
import type { TcpSocket } from './tcpSocket';

/** Clock granularity G of RFC 6298 (ms). */
export const CLOCK_GRANULARITY = 1;

export function rttSample(s: TcpSocket, r: number): void {
  if (s.srtt === null) {
    // §2.2: first measurement.
    s.srtt = r;
    s.rttvar = r / 2;
  } else {
    // §2.3: beta = 1/4, alpha = 1/8, RTTVAR updated before SRTT.
    s.rttvar = 0.75 * s.rttvar + 0.25 * Math.abs(s.srtt - r);
    s.srtt = 0.875 * s.srtt + 0.125 * r;
  }
  s.rto = computeRto(s);
  s.backoff = 0;
}

export function computeRto(s: TcpSocket): number {
  const o = s.opts;
  const srtt = s.srtt ?? 0;
  const rto = o.rtoFloor === 'rto'
    ? Math.max(o.rtoMin, srtt + Math.max(CLOCK_GRANULARITY, 4 * s.rttvar)) // RFC 6298 §2.3, §2.4
    : srtt + Math.max(4 * s.rttvar, o.rtoMin); // Linux: the floor applies to the variance term
  return Math.min(rto, o.rtoMax); // §2.5
}

/** §5.5: back off the timer after it expires. */
export function backoffRto(s: TcpSocket): void {
  s.rto = Math.min(s.rto * 2, s.opts.rtoMax);
  s.backoff++;
}
