// IP address classification for the target policy. Decisions are made on parsed addresses, never
// on the strings a page sent: IPv4-mapped/compatible IPv6 forms are folded to IPv4 first, so
// `::ffff:127.0.0.1` and `127.0.0.1` are one address to every rule.
import { BlockList, isIP, isIPv6 } from 'node:net';

export type Family = 'ipv4' | 'ipv6';
export interface Ip { address: string; family: Family }

/** Expands an IPv6 literal to its 8 hextets, or null if it is not one. */
function hextets(ip: string): number[] | null {
  if (!isIPv6(ip)) return null;
  let s = ip.split('%')[0];
  const tail: number[] = [];
  const dotted = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const o = dotted[1].split('.').map(Number);
    tail.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
    s = s.slice(0, -dotted[1].length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, null];
  const parse = (part: string) => (part ? part.split(':').filter((x) => x !== '').map((h) => parseInt(h, 16)) : []);
  const a = parse(head);
  const b = rest === null ? [] : parse(rest);
  const fill = 8 - a.length - b.length - tail.length;
  if (fill < 0 || (rest === null && fill !== 0)) return null;
  return [...a, ...new Array(fill).fill(0), ...b, ...tail];
}

/** Parses an IP literal; IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) fold to IPv4. */
export function parseIp(literal: string): Ip | null {
  const s = literal.startsWith('[') && literal.endsWith(']') ? literal.slice(1, -1) : literal;
  const v = isIP(s);
  if (v === 4) return { address: s, family: 'ipv4' };
  if (v !== 6) return null;
  const h = hextets(s);
  if (!h) return null;
  const zeros5 = h.slice(0, 5).every((x) => x === 0);
  if (zeros5 && (h[5] === 0xffff || (h[5] === 0 && (h[6] !== 0 || h[7] > 1)))) {
    return { address: `${h[6] >> 8}.${h[6] & 255}.${h[7] >> 8}.${h[7] & 255}`, family: 'ipv4' };
  }
  return { address: compressIPv6(h), family: 'ipv6' };
}

/** RFC 5952 text form, so equal addresses compare equal as strings. */
function compressIPv6(h: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (h[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && h[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = h.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function list(v4: string[], v6: string[]): BlockList {
  const b = new BlockList();
  for (const c of v4) { const [a, p] = c.split('/'); b.addSubnet(a, Number(p), 'ipv4'); }
  for (const c of v6) { const [a, p] = c.split('/'); b.addSubnet(a, Number(p), 'ipv6'); }
  return b;
}

/** "This host" addresses: connecting to 0.0.0.0 or :: reaches local services. Always denied. */
const unspecified = list(['0.0.0.0/8'], ['::/128']);
/** Denied unless the user listed the exact address: link-local (incl. cloud metadata),
 * multicast, broadcast/reserved, NAT64 (embeds any IPv4 address). */
const special = list(
  ['169.254.0.0/16', '224.0.0.0/4', '240.0.0.0/4', '100.100.100.200/32'],
  ['fe80::/10', 'ff00::/8', 'fd00:ec2::254/128', '64:ff9b::/96', '64:ff9b:1::/48'],
);
const loopback = list(['127.0.0.0/8'], ['::1/128']);

export const isUnspecified = (ip: Ip): boolean => unspecified.check(ip.address, ip.family);
export const isSpecial = (ip: Ip): boolean => special.check(ip.address, ip.family);
export const isLoopback = (ip: Ip): boolean => loopback.check(ip.address, ip.family);

export function sameIp(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.address === b.address;
}
