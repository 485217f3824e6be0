// Deterministic faults from the scenario ("drop the 2nd data segment from the server"),
// applied before random loss. Each fault counts the packets it matches.
import type { Fault } from '../../scenarios/schema';
import { ACK, FIN, PSH, RST, SYN, URG, flagBits, type Packet } from './packet';

export type FaultAction = { drop: boolean; duplicate: boolean; delayMs: number };

const CORE = SYN | ACK | FIN | RST;

/** What happens to a packet no fault matches (shared: most scenarios have no faults at all). */
const UNTOUCHED: Readonly<FaultAction> = Object.freeze({ drop: false, duplicate: false, delayMs: 0 });

interface Matcher {
  from?: string; to?: string; proto?: 'tcp' | 'udp' | 'icmp';
  flags?: ReadonlyArray<'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG'>;
  payload?: boolean; nth?: number; id?: number;
}

export class FaultPlan {
  private readonly counts: number[];

  constructor(private readonly faults: readonly Fault[]) {
    this.counts = faults.map(() => 0);
  }

  /** What the faults do to this packet (several faults may apply; a drop wins). */
  apply(p: Packet, from: string, to: string): Readonly<FaultAction> {
    if (this.faults.length === 0) return UNTOUCHED;
    const action: FaultAction = { drop: false, duplicate: false, delayMs: 0 };
    this.faults.forEach((f, i) => {
      const m: Matcher = 'drop' in f ? f.drop : 'duplicate' in f ? f.duplicate : f.delay;
      if (!matches(m, p, from, to)) return;
      if (m.id === undefined) {
        this.counts[i]++;
        if (this.counts[i] !== (m.nth ?? 1)) return;
      }
      if ('drop' in f) action.drop = true;
      else if ('duplicate' in f) action.duplicate = true;
      else action.delayMs += f.delay.ms;
    });
    return action;
  }
}

/** Flags match exactly on SYN/ACK/FIN/RST (so ["SYN"] is a bare SYN, not a SYN,ACK); PSH and URG
 *  must be present only if listed. */
function matches(m: Matcher, p: Packet, from: string, to: string): boolean {
  if (m.id !== undefined && m.id !== p.id) return false;
  if (m.from !== undefined && m.from !== from) return false;
  if (m.to !== undefined && m.to !== to) return false;
  if (m.proto !== undefined && m.proto !== p.proto) return false;
  if (m.flags !== undefined) {
    if (!p.tcp) return false;
    const want = flagBits(m.flags);
    if ((p.tcp.flags & CORE) !== (want & CORE)) return false;
    if ((want & PSH) && !(p.tcp.flags & PSH)) return false;
    if ((want & URG) && !(p.tcp.flags & URG)) return false;
  }
  if (m.payload !== undefined) {
    const len = p.tcp ? p.tcp.payload.length : p.udp ? p.udp.payload.length : 0;
    if ((len > 0) !== m.payload) return false;
  }
  return true;
}
