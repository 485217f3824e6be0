// The RFC 9293 §3.3.2 (Figure 5) connection state diagram as data: node positions and the
// transitions with their event / action labels.
import type { TcpState } from '../../sim/trace/records';

export type NodeId = TcpState | 'CLOSED_END';

// A compact drawing (three columns of narrow boxes) so that, in a side panel about 290 px wide
// (1280×720) the text is drawn at about its own size: ~12 px names, ~11 px endpoint labels.
export const NODE_W = 96;
export const NODE_H = 26;

export const NODES: Record<NodeId, { x: number; y: number }> = {
  CLOSED: { x: 150, y: 16 },
  LISTEN: { x: 150, y: 78 },
  SYN_RECEIVED: { x: 50, y: 140 },
  SYN_SENT: { x: 250, y: 140 },
  ESTABLISHED: { x: 150, y: 202 },
  FIN_WAIT_1: { x: 50, y: 264 },
  CLOSE_WAIT: { x: 250, y: 264 },
  FIN_WAIT_2: { x: 50, y: 328 },
  CLOSING: { x: 150, y: 328 },
  LAST_ACK: { x: 250, y: 328 },
  TIME_WAIT: { x: 100, y: 392 },
  CLOSED_END: { x: 250, y: 392 },
};

export const VIEW_W = 300;
/** Room under the bottom row for two lines of endpoint labels. */
export const VIEW_H = 438;

/** Endpoint labels under a node: from its left edge in the left column, its right edge in the right one. */
export function labelAnchor(id: NodeId): { x: number; anchor: 'start' | 'middle' | 'end' } {
  const { x } = NODES[id];
  if (x - NODE_W / 2 <= 4) return { x: -NODE_W / 2, anchor: 'start' };
  if (x + NODE_W / 2 >= VIEW_W - 4) return { x: NODE_W / 2, anchor: 'end' };
  if (x < VIEW_W / 2) return { x: -NODE_W / 2, anchor: 'start' };
  return { x: 0, anchor: 'middle' };
}

/** Lines of endpoint labels a node shows (one per host; more lines would run into the next row). */
export const MAX_WHO_LINES = 2;

/**
 * The endpoint labels under a node, one line per host ("client fd3", "server fd4"): a host with
 * several sockets there is counted ("server ×5"), and past two lines the rest is a count ("+3");
 * the node's tooltip lists every one.
 */
export function whoLines(who: ReadonlyArray<{ host: string; who: string }>): string[] {
  const byHost = new Map<string, string[]>();
  for (const w of who) byHost.set(w.host, [...(byHost.get(w.host) ?? []), w.who]);
  const lines = [...byHost].map(([host, list]) => (list.length === 1 ? list[0] : `${host} ×${list.length}`));
  return lines.length <= MAX_WHO_LINES ? lines : [...lines.slice(0, MAX_WHO_LINES - 1), `+${lines.length - MAX_WHO_LINES + 1}`];
}

/** `label` is RFC 9293's event / action wording; `zh` says the same in Chinese. */
export interface Edge { from: NodeId; to: NodeId; label: string; zh: string }

export const EDGES: Edge[] = [
  { from: 'CLOSED', to: 'LISTEN', label: 'passive OPEN', zh: '被动打开' },
  { from: 'CLOSED', to: 'SYN_SENT', label: 'active OPEN / snd SYN', zh: '主动打开 / 发送 SYN' },
  { from: 'LISTEN', to: 'SYN_RECEIVED', label: 'rcv SYN / snd SYN,ACK', zh: '收到 SYN / 发送 SYN,ACK' },
  { from: 'LISTEN', to: 'SYN_SENT', label: 'SEND / snd SYN', zh: '发送数据 / 发送 SYN' },
  { from: 'LISTEN', to: 'CLOSED', label: 'CLOSE', zh: '关闭' },
  { from: 'SYN_SENT', to: 'SYN_RECEIVED', label: 'rcv SYN / snd SYN,ACK', zh: '收到 SYN / 发送 SYN,ACK' },
  { from: 'SYN_SENT', to: 'ESTABLISHED', label: 'rcv SYN,ACK / snd ACK', zh: '收到 SYN,ACK / 发送 ACK' },
  { from: 'SYN_SENT', to: 'CLOSED', label: 'CLOSE / timeout', zh: '关闭 / 超时' },
  { from: 'SYN_RECEIVED', to: 'LISTEN', label: 'rcv RST', zh: '收到 RST' },
  { from: 'SYN_RECEIVED', to: 'ESTABLISHED', label: 'rcv ACK of SYN', zh: '收到对 SYN 的 ACK' },
  { from: 'SYN_RECEIVED', to: 'FIN_WAIT_1', label: 'CLOSE / snd FIN', zh: '关闭 / 发送 FIN' },
  { from: 'ESTABLISHED', to: 'FIN_WAIT_1', label: 'CLOSE / snd FIN', zh: '关闭 / 发送 FIN' },
  { from: 'ESTABLISHED', to: 'CLOSE_WAIT', label: 'rcv FIN / snd ACK', zh: '收到 FIN / 发送 ACK' },
  { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', label: 'rcv ACK of FIN', zh: '收到对 FIN 的 ACK' },
  { from: 'FIN_WAIT_1', to: 'CLOSING', label: 'rcv FIN / snd ACK', zh: '收到 FIN / 发送 ACK' },
  { from: 'FIN_WAIT_1', to: 'TIME_WAIT', label: 'rcv FIN,ACK / snd ACK', zh: '收到 FIN,ACK / 发送 ACK' },
  { from: 'CLOSE_WAIT', to: 'LAST_ACK', label: 'CLOSE / snd FIN', zh: '关闭 / 发送 FIN' },
  { from: 'FIN_WAIT_2', to: 'TIME_WAIT', label: 'rcv FIN / snd ACK', zh: '收到 FIN / 发送 ACK' },
  { from: 'CLOSING', to: 'TIME_WAIT', label: 'rcv ACK of FIN', zh: '收到对 FIN 的 ACK' },
  { from: 'LAST_ACK', to: 'CLOSED_END', label: 'rcv ACK of FIN', zh: '收到对 FIN 的 ACK' },
  { from: 'TIME_WAIT', to: 'CLOSED_END', label: 'timeout = 2MSL', zh: '超时 = 2MSL' },
];

/** The node that shows a state, given where the socket came from (CLOSED after closing is drawn at the bottom). */
export function nodeFor(state: TcpState, prev: TcpState | null): NodeId {
  if (state !== 'CLOSED') return state;
  return prev && prev !== 'CLOSED' && prev !== 'LISTEN' && prev !== 'SYN_SENT' ? 'CLOSED_END' : 'CLOSED';
}

/** Edge endpoints on the node boxes' borders. */
export function edgePath(e: Edge): string {
  const a = NODES[e.from];
  const b = NODES[e.to];
  const clip = (p: { x: number; y: number }, q: { x: number; y: number }) => {
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const sx = dx === 0 ? Infinity : (NODE_W / 2 + 3) / Math.abs(dx);
    const sy = dy === 0 ? Infinity : (NODE_H / 2 + 3) / Math.abs(dy);
    const s = Math.min(sx, sy);
    return { x: p.x + dx * s, y: p.y + dy * s };
  };
  // Edges between the same pair in both directions are bent apart.
  const reverse = EDGES.some((o) => o.from === e.to && o.to === e.from);
  const p = clip(a, b);
  const q = clip(b, a);
  if (!reverse) return `M ${p.x} ${p.y} L ${q.x} ${q.y}`;
  const mx = (p.x + q.x) / 2 + (q.y - p.y) * 0.15;
  const my = (p.y + q.y) / 2 - (q.x - p.x) * 0.15;
  return `M ${p.x} ${p.y} Q ${mx} ${my} ${q.x} ${q.y}`;
}
