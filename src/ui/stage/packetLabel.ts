// How a packet is named on the diagram, like Wireshark's Info column: "SYN seq=0",
// "SYN, ACK seq=0 ack=1 win=65535", "PSH, ACK seq=1 ack=1 win=65536 len=5" — and, where a crowded
// diagram has no room for that, shorter names that drop the least telling numbers first. Pure, so
// tests and the narration use the same words as the picture.
import type { FlagName } from '../../sim/net/packet';
import type { PacketRecord } from '../../timeline';
import type { NumberMode } from '../../store/types';

/** Flag order as Wireshark prints it in brackets. */
const ORDER: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG'];

export function flagText(flags: readonly FlagName[]): string {
  return ORDER.filter((f) => flags.includes(f)).join(', ');
}

export type PacketTone = 'syn' | 'fin' | 'rst' | 'data' | 'ack' | 'udp' | 'icmp';

/** The colour family of a packet (always shown together with its text label). */
export function packetTone(r: PacketRecord): PacketTone {
  if (r.type === 'datagram') return 'udp';
  if (r.type === 'icmp') return 'icmp';
  if (r.flags.includes('RST')) return 'rst';
  if (r.flags.includes('SYN')) return 'syn';
  if (r.flags.includes('FIN')) return 'fin';
  if (r.len > 0) return 'data';
  return 'ack';
}

export interface LabelOptions {
  numbers: NumberMode;
  /** Show the window even when it did not change (the inspector, the first segments). */
  showWin?: boolean;
}

export function packetLabel(r: PacketRecord, opts: LabelOptions): string {
  if (r.type === 'datagram') return `UDP len=${r.len}`;
  if (r.type === 'icmp') return `ICMP ${r.kind}`;
  const rel = opts.numbers === 'relative';
  const parts = [flagText(r.flags), `seq=${rel ? r.rseq : r.seq}`];
  if (r.flags.includes('ACK')) parts.push(`ack=${rel ? r.rack : r.ack}`);
  if (opts.showWin && r.flags.includes('ACK')) parts.push(`win=${r.win}`);
  if (r.len > 0) parts.push(`len=${r.len}`);
  return parts.join(' ');
}

/**
 * The short name of a packet for a crowded diagram: its flags and the one number that tells it
 * apart from its neighbours ("ack=4381" for an ACK, "seq=2921" for data, "SYN" for a SYN).
 */
export function compactLabel(r: PacketRecord, opts: LabelOptions): string {
  if (r.type === 'datagram') return 'UDP';
  if (r.type === 'icmp') return 'ICMP';
  const rel = opts.numbers === 'relative';
  if (r.flags.includes('RST')) return 'RST';
  if (r.flags.includes('SYN')) return r.flags.includes('ACK') ? 'SYN, ACK' : 'SYN';
  if (r.flags.includes('FIN')) return 'FIN';
  if (r.len > 0) return `seq=${rel ? r.rseq : r.seq}`;
  return `ack=${rel ? r.rack : r.ack}`;
}

/**
 * The names a packet may carry on the diagram, longest first: the full label with the window,
 * then without it, then with only the number that tells it apart (an ACK's ack, anything else's
 * seq — and a data segment's len), then the short name. Duplicates are left out, so a SYN has
 * only "SYN seq=0" and "SYN".
 */
export function labelLevels(r: PacketRecord, opts: LabelOptions): string[] {
  const out: string[] = [];
  const add = (s: string) => { if (s && !out.includes(s)) out.push(s); };
  add(packetLabel(r, { ...opts, showWin: true }));
  if (r.type === 'segment') {
    const rel = opts.numbers === 'relative';
    const seq = `seq=${rel ? r.rseq : r.seq}`;
    const ack = `ack=${rel ? r.rack : r.ack}`;
    const len = r.len > 0 ? ` len=${r.len}` : '';
    const flags = flagText(r.flags);
    add(packetLabel(r, { ...opts, showWin: false }));
    const pureAck = r.len === 0 && r.flags.includes('ACK') && !r.flags.some((f) => f === 'SYN' || f === 'FIN' || f === 'RST');
    add(`${flags} ${pureAck ? ack : seq}${len}`);
    if (len) add(`${seq}${len}`);
  }
  add(compactLabel(r, opts));
  return out;
}
