// How a packet is named on the diagram, like Wireshark's Info column: "SYN seq=0",
// "SYN, ACK seq=0 ack=1 win=65535", "PSH, ACK seq=1 ack=1 len=5". Pure, so tests and the
// narration use the same words as the picture.
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
 * Which segments show their window on the diagram: SYN-ACKs, a zero window, and any change of
 * the window a sender advertises (where flow control becomes visible).
 */
export function windowShown(trace: readonly { type: string }[], sendRecs: readonly number[]): Set<number> {
  const shown = new Set<number>();
  const last = new Map<string, number>();
  for (const i of sendRecs) {
    const r = trace[i] as PacketRecord;
    if (r.type !== 'segment' || !r.flags.includes('ACK')) continue;
    const prev = last.get(r.src);
    if (r.flags.includes('SYN') || r.win === 0 || (prev !== undefined && prev !== r.win)) shown.add(i);
    last.set(r.src, r.win);
  }
  return shown;
}
