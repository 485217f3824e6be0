// The RFC 9293 §3.3.2 (Figure 5) connection state diagram as data: node positions and the
// transitions with their event / action labels.
import type { TcpState } from '../../sim/trace/records';

export type NodeId = TcpState | 'CLOSED_END';

export const NODE_W = 124;
export const NODE_H = 30;

export const NODES: Record<NodeId, { x: number; y: number }> = {
  CLOSED: { x: 200, y: 24 },
  LISTEN: { x: 200, y: 96 },
  SYN_RECEIVED: { x: 68, y: 168 },
  SYN_SENT: { x: 332, y: 168 },
  ESTABLISHED: { x: 200, y: 240 },
  FIN_WAIT_1: { x: 68, y: 312 },
  CLOSE_WAIT: { x: 332, y: 312 },
  FIN_WAIT_2: { x: 68, y: 390 },
  CLOSING: { x: 200, y: 390 },
  LAST_ACK: { x: 332, y: 390 },
  TIME_WAIT: { x: 134, y: 462 },
  CLOSED_END: { x: 332, y: 462 },
};

export const VIEW_W = 400;
export const VIEW_H = 490;

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
