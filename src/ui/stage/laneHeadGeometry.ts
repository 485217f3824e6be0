// How much room each socket's head above the diagram gets. Lanes close together form a cluster
// whose state chips alternate between two heights ("low" every other one), so a chip may be as
// wide as the distance to the next lane at its own height. Pure, so it is tested without a DOM.
import type { TcpState } from '../../sim/trace/records';
import type { DiagramLayout, Lane } from './diagramLayout';
import { textWidth } from './labelPlacement';

/** The names `ss` prints (what a student sees on Linux), for chips without room for RFC 9293's. */
export const SS_STATE: Record<TcpState, string> = {
  CLOSED: 'CLOSED', LISTEN: 'LISTEN', SYN_SENT: 'SYN-SENT', SYN_RECEIVED: 'SYN-RECV', ESTABLISHED: 'ESTAB',
  FIN_WAIT_1: 'FIN-WAIT-1', FIN_WAIT_2: 'FIN-WAIT-2', CLOSE_WAIT: 'CLOSE-WAIT', CLOSING: 'CLOSING', LAST_ACK: 'LAST-ACK', TIME_WAIT: 'TIME-WAIT',
};

/** Horizontal padding and border of a chip, px. */
const CHIP_PAD = 14;
/** Below this, a head shows only the fd and port (no socket name, no local↔remote pair). */
export const COMPACT_BELOW = 84;
const MAX_W = 170;

export const chipWidthFor = (text: string, charW: number) => text.length * charW + CHIP_PAD;

/** The state as the chip shows it: the RFC name when it fits, else the `ss` name. */
export function shortState(state: TcpState, room: number, charW: number): string {
  return chipWidthFor(state, charW) <= room ? state : SS_STATE[state];
}

export interface LaneHeadGeo {
  lane: Lane;
  /** Room for the name and address lines, px. */
  width: number;
  /** Room for the state chip, px (more than `width` when chips alternate heights). */
  chipWidth: number;
  compact: boolean;
  /** This head's chip sits one chip lower than its neighbours'. */
  low: boolean;
  /** The stretch of the strip that belongs to this lane: halfway to each neighbour, or the edge. */
  left: number;
  right: number;
}

export function laneHeadGeometry(L: DiagramLayout, chipCharW: number): { crowded: boolean; heads: LaneHeadGeo[] } {
  const lanes = [...L.lanes.values()].sort((a, b) => a.x - b.x || a.key - b.key);
  const edge = (x: number) => 2 * Math.min(x, L.width - x) - 4;
  // The widest chip a socket may need: the longest RFC state name.
  const fullChip = chipWidthFor('SYN_RECEIVED', chipCharW);
  const gapTo = (i: number, j: number) => (j >= 0 && j < lanes.length ? Math.abs(lanes[j].x - lanes[i].x) : Infinity);
  const rooms = lanes.map((lane, i) => Math.min(gapTo(i, i - 1), gapTo(i, i + 1), edge(lane.x)) - 6);
  // Clusters: runs of lanes closer together than a full chip; chips alternate within a run.
  const low = lanes.map(() => false);
  let crowded = false;
  for (let i = 0, k = 0; i < lanes.length; i++) {
    k = i > 0 && gapTo(i, i - 1) < fullChip ? k + 1 : 0;
    low[i] = k % 2 === 1;
    if (k > 0) crowded = true;
  }
  const heads = lanes.map((lane, i) => {
    const width = Math.max(30, Math.min(MAX_W, rooms[i]));
    let chip = width;
    if (crowded) {
      // Nearest lane whose chip is at the same height.
      let near = Infinity;
      for (let j = i - 1; j >= 0; j--) if (low[j] === low[i]) { near = Math.min(near, gapTo(i, j)); break; }
      for (let j = i + 1; j < lanes.length; j++) if (low[j] === low[i]) { near = Math.min(near, gapTo(i, j)); break; }
      chip = Math.max(width, Math.min(MAX_W, near - 6, edge(lane.x)));
    }
    const left = i > 0 ? (lanes[i - 1].x + lane.x) / 2 : 0;
    const right = i < lanes.length - 1 ? (lanes[i + 1].x + lane.x) / 2 : L.width;
    return { lane, width, chipWidth: chip, compact: width < COMPACT_BELOW, low: low[i], left, right };
  });
  return { crowded, heads };
}

/**
 * A host's name as its band has room for it: in full, else smaller, else (an address, as in a
 * capture) its distinguishing end: ":port" of an endpoint, the last two parts of an IP.
 */
export function hostName(name: string, room: number, lecture: boolean): { text: string; small: boolean } {
  // Bold system font: ~0.6 em per Latin character, a full em per CJK one.
  const big = lecture ? 22 : 16;
  const small = lecture ? 17 : 13;
  if (textWidth(name, big * 0.61, big) <= room - 8) return { text: name, small: false };
  if (textWidth(name, small * 0.61, small) <= room - 8) return { text: name, small: true };
  const ip = /^\d+\.\d+\.(\d+\.\d+)(:\d+)?$/.exec(name);
  if (ip) return { text: ip[2] ?? `…${ip[1]}`, small: true };
  return { text: name, small: true };
}
