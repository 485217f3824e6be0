// Lifeline name → IP address for the lane heads of a real session: the page's sockets are on
// lifeline "local" (its address is the local end of its connections), every peer endpoint is a
// lifeline named "ip:port".
import type { TraceRecord } from '../sim/trace/records';

const ipOf = (addr: string) => addr.slice(0, addr.lastIndexOf(':')).replace(/^\[|\]$/g, '');
const ENDPOINT = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5}$/;

export function hostIps(trace: readonly TraceRecord[], localHost = 'local'): Record<string, string> {
  const ips: Record<string, string> = {};
  for (const r of trace) {
    if ((r.type === 'return' && r.sock) || (r.type === 'state' && r.host === localHost)) {
      const local = (r.sock ?? '').split('->')[0];
      if (!ips[localHost] && ENDPOINT.test(local) && !local.startsWith('0.0.0.0')) ips[localHost] = ipOf(local);
    }
    for (const h of r.type === 'segment' || r.type === 'datagram' ? [r.from, r.to] : 'host' in r ? [r.host] : []) {
      if (h !== localHost && !ips[h] && ENDPOINT.test(h)) ips[h] = ipOf(h);
    }
  }
  return ips;
}
