// Anchors → trace positions. A lesson never stores a record index: it says "the 2nd segment
// delivered to the server" or "the return of the client's connect()", and the position is found
// in whatever trace is on screen, so it stays right when the user changes the network.
import type { TraceRecord } from '../sim/trace/records';
import type { Anchor, L10n, Matcher } from './types';

export interface AnchorPosition {
  /** Index of the record in the trace. */
  index: number;
  /** The cursor stops before this record's step (true) or after it (false). */
  before: boolean;
}

function matches(m: Matcher, r: TraceRecord): boolean {
  if (m.type === 'start' || m.type === 'end') return false;
  if (r.type !== m.type) return false;
  switch (m.type) {
    case 'call':
    case 'return':
    case 'block': {
      const c = r as Extract<TraceRecord, { type: 'call' | 'return' | 'block' }>;
      if (m.host !== undefined && c.host !== m.host) return false;
      if (m.prog !== undefined && c.prog !== m.prog) return false;
      if (m.step !== undefined && c.step !== m.step) return false;
      if (m.op !== undefined && c.op !== m.op) return false;
      if (m.error !== undefined) {
        const err = c.type === 'return' ? c.error : undefined;
        if (m.error === true ? err === undefined : m.error === false ? err !== undefined : err !== m.error) return false;
      }
      return true;
    }
    case 'segment': {
      const s = r as Extract<TraceRecord, { type: 'segment' }>;
      if (s.event !== (m.event ?? 'send')) return false;
      if (m.from !== undefined && s.from !== m.from) return false;
      if (m.to !== undefined && s.to !== m.to) return false;
      if (m.flags && !m.flags.every((f) => s.flags.includes(f))) return false;
      if (m.flags && m.exact && s.flags.length !== m.flags.length) return false;
      if (m.payload !== undefined && (s.len > 0) !== m.payload) return false;
      if (m.note !== undefined && !(typeof m.note === 'string' ? [m.note] : m.note).includes(s.note!)) return false;
      if (m.win !== undefined && s.win !== m.win) return false;
      if (m.reason !== undefined && s.reason !== m.reason) return false;
      return true;
    }
    case 'datagram':
    case 'icmp': {
      const d = r as Extract<TraceRecord, { type: 'datagram' | 'icmp' }>;
      if (d.event !== (m.event ?? 'send')) return false;
      if (m.from !== undefined && d.from !== m.from) return false;
      if (m.to !== undefined && d.to !== m.to) return false;
      if (m.type === 'datagram' && m.reason !== undefined && d.reason !== m.reason) return false;
      return true;
    }
    case 'state': {
      const s = r as Extract<TraceRecord, { type: 'state' }>;
      return (m.host === undefined || s.host === m.host) && (m.from === undefined || s.from === m.from) && (m.to === undefined || s.to === m.to);
    }
    case 'timer': {
      const s = r as Extract<TraceRecord, { type: 'timer' }>;
      return (m.host === undefined || s.host === m.host) && (m.timer === undefined || s.timer === m.timer) && (m.event === undefined || s.event === m.event);
    }
    case 'cwnd': {
      const s = r as Extract<TraceRecord, { type: 'cwnd' }>;
      return (m.host === undefined || s.host === m.host) && (m.phase === undefined || s.phase === m.phase);
    }
    case 'queue': {
      const s = r as Extract<TraceRecord, { type: 'queue' }>;
      return m.host === undefined || s.host === m.host;
    }
    case 'program': {
      const s = r as Extract<TraceRecord, { type: 'program' }>;
      return (m.host === undefined || s.host === m.host) && (m.prog === undefined || s.prog === m.prog) && (m.event === undefined || s.event === m.event);
    }
  }
}

/** The record an anchor names in `trace`, or null when the run has no such moment. */
export function resolveAnchor(anchor: Anchor, trace: readonly TraceRecord[]): AnchorPosition | null {
  const before = anchor.before === true;
  if (trace.length === 0) return null;
  if (anchor.type === 'start') return { index: 0, before: true };
  if (anchor.type === 'end') return { index: trace.length - 1, before: false };
  let from = 0;
  if (anchor.after) {
    const a = resolveAnchor({ ...anchor.after, before: false }, trace);
    if (!a) return null;
    from = a.index + 1;
  }
  const nth = anchor.nth ?? 1;
  if (!Number.isInteger(nth) || nth < 1) return null;
  let seen = 0;
  let last: number | null = null;
  for (let i = from; i < trace.length; i++) {
    if (!matches(anchor, trace[i])) continue;
    last = i;
    if (!anchor.last && ++seen === nth) return { index: i, before };
  }
  return anchor.last && last !== null ? { index: last, before } : null;
}

/** The index of the anchored record, or null. */
export function anchorIndex(anchor: Anchor, trace: readonly TraceRecord[]): number | null {
  return resolveAnchor(anchor, trace)?.index ?? null;
}

const ORD_EN = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? `${n}st` : n % 10 === 2 && n % 100 !== 12 ? `${n}nd` : n % 10 === 3 && n % 100 !== 13 ? `${n}rd` : `${n}th`);

/** A short description of an anchor for people ("the 2nd segment delivered to server"). */
export function describeAnchor(a: Anchor): L10n {
  const nthEn = a.last ? 'the last ' : a.nth && a.nth > 1 ? `the ${ORD_EN(a.nth)} ` : 'the first ';
  const nthZh = a.last ? '最后一个' : `第 ${a.nth ?? 1} 个`;
  const on = (h?: string) => (h ? ` on ${h}` : '');
  let en: string;
  let zh: string;
  switch (a.type) {
    case 'start': en = 'the start'; zh = '开始'; break;
    case 'end': en = 'the end'; zh = '结束'; break;
    case 'call': case 'return': case 'block': {
      const what = { call: 'call of', return: 'return of', block: 'wait in' }[a.type];
      const whatZh = { call: '调用', return: '返回', block: '阻塞' }[a.type];
      en = `${nthEn}${what} ${a.op ?? 'a call'}()${on(a.host)}`;
      zh = `${a.host ?? ''} ${nthZh} ${a.op ?? ''}() 的${whatZh}`.trim();
      break;
    }
    case 'segment': case 'datagram': case 'icmp': {
      const ev = a.event ?? 'send';
      const kind = a.type === 'segment' ? `${a.flags?.join('+') ?? ''} segment`.trim() : a.type === 'datagram' ? 'datagram' : 'ICMP message';
      const kindZh = a.type === 'segment' ? `${a.flags?.join('+') ?? ''} 报文段`.trim() : a.type === 'datagram' ? '数据报' : 'ICMP 报文';
      const evEn = { send: 'sent', deliver: 'delivered', drop: 'dropped', duplicate: 'duplicated' }[ev];
      const evZh = { send: '发出的', deliver: '送达的', drop: '丢弃的', duplicate: '重复的' }[ev];
      en = `${nthEn}${kind} ${evEn}${a.from ? ` by ${a.from}` : ''}${a.to ? ` to ${a.to}` : ''}`;
      zh = `${a.from ? `${a.from} ` : ''}${a.to ? `发往 ${a.to} 的` : ''}${nthZh}${evZh}${kindZh}`;
      break;
    }
    case 'state':
      en = `${nthEn}change${a.host ? ` on ${a.host}` : ''} to ${a.to ?? 'a new state'}`;
      zh = `${a.host ?? ''} ${nthZh}进入 ${a.to ?? '新状态'} 的状态变化`.trim();
      break;
    default:
      en = `${nthEn}${a.type} record${on('host' in a ? a.host : undefined)}`;
      zh = `${nthZh} ${a.type} 记录`;
  }
  if (a.after) {
    const after = describeAnchor(a.after);
    en += ` after ${after.en}`;
    zh = `在「${after['zh-CN']}」之后，${zh}`;
  }
  return { en, 'zh-CN': zh };
}
