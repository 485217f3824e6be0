// TCP option bytes (RFC 9293 §3.2, RFC 7323, RFC 2018). The encoder writes the option list
// exactly in the order given and pads with End-of-Option-List bytes; where NOPs go is the
// caller's choice, and `linuxOptionLayout` gives the layout Linux's tcp_options_write uses.
import type { TcpOption } from '../net/packet';

export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;
export const TCPOPT_WSCALE = 3;
export const TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5;
export const TCPOPT_TIMESTAMP = 8;

/** Writes the options at `offset` and returns the number of bytes written, padded to 32 bits. */
export function writeTcpOptions(options: readonly TcpOption[], out: Uint8Array, offset: number): number {
  let o = offset;
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (const opt of options) {
    switch (opt.kind) {
      case 'nop': out[o++] = TCPOPT_NOP; break;
      case 'mss': out[o] = TCPOPT_MSS; out[o + 1] = 4; dv.setUint16(o + 2, opt.value); o += 4; break;
      case 'wscale': out[o] = TCPOPT_WSCALE; out[o + 1] = 3; out[o + 2] = opt.shift; o += 3; break;
      case 'sackPermitted': out[o] = TCPOPT_SACK_PERM; out[o + 1] = 2; o += 2; break;
      case 'timestamps':
        out[o] = TCPOPT_TIMESTAMP; out[o + 1] = 10;
        dv.setUint32(o + 2, opt.value >>> 0); dv.setUint32(o + 6, opt.echo >>> 0);
        o += 10;
        break;
    }
  }
  while ((o - offset) % 4 !== 0) out[o++] = TCPOPT_EOL; // the buffer is zeroed, but be explicit
  return o - offset;
}

/**
 * Parses the option bytes [start, end). Options the Packet model has no shape for (SACK blocks,
 * MPTCP, TFO, MD5…) are left out of the list; the exact bytes stay available to the inspector
 * through the captured wire bytes. Parsing stops at EOL or at a malformed length, never throws.
 */
export function readTcpOptions(b: Uint8Array, start: number, end: number): TcpOption[] {
  const out: TcpOption[] = [];
  let o = start;
  while (o < end) {
    const kind = b[o];
    if (kind === TCPOPT_EOL) break;
    if (kind === TCPOPT_NOP) { out.push({ kind: 'nop' }); o++; continue; }
    if (o + 1 >= end) break;
    const len = b[o + 1];
    if (len < 2 || o + len > end) break;
    if (kind === TCPOPT_MSS && len === 4) out.push({ kind: 'mss', value: (b[o + 2] << 8) | b[o + 3] });
    else if (kind === TCPOPT_WSCALE && len === 3) out.push({ kind: 'wscale', shift: b[o + 2] });
    else if (kind === TCPOPT_SACK_PERM && len === 2) out.push({ kind: 'sackPermitted' });
    else if (kind === TCPOPT_TIMESTAMP && len === 10) {
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      out.push({ kind: 'timestamps', value: dv.getUint32(o + 2), echo: dv.getUint32(o + 6) });
    }
    o += len;
  }
  return out;
}

/**
 * The same options laid out as Linux writes them (net/ipv4/tcp_output.c, tcp_options_write):
 * MSS; then SACK-permitted + timestamps sharing a word (or NOP NOP + timestamps); then
 * NOP NOP SACK-permitted when there are no timestamps; then NOP + window scale. Every option
 * ends on a 32-bit boundary, so no EOL padding is needed, and the length always equals
 * `tcpOptionsLength` of the input. Input NOPs are dropped; each option kind is used once.
 */
export function linuxOptionLayout(options: readonly TcpOption[]): TcpOption[] {
  const find = <K extends TcpOption['kind']>(kind: K) =>
    options.find((o): o is Extract<TcpOption, { kind: K }> => o.kind === kind);
  const mss = find('mss');
  const ws = find('wscale');
  const sack = find('sackPermitted');
  const ts = find('timestamps');
  const nop: TcpOption = { kind: 'nop' };
  const out: TcpOption[] = [];
  if (mss) out.push(mss);
  if (ts) {
    if (sack) out.push(sack); else out.push(nop, nop);
    out.push(ts);
  } else if (sack) {
    out.push(nop, nop, sack);
  }
  if (ws) out.push(nop, ws);
  return out;
}
