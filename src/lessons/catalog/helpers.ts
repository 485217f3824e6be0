// Small helpers for writing lessons: bilingual text, option lists, and the lookups many questions
// share (a host's connection and its state at a moment, the data a call returned).
import type { Errno, ReturnRecord, TcpState } from '../../sim/trace/records';
import type { FlagName } from '../../sim/net/packet';
import { LINUX_STATE_ALIAS } from '../../sim/trace/records';
import type { TraceView} from '../traceView';
import { Unresolved } from '../traceView';
import type { ChoiceOption, L10n } from '../types';

export const tx = (en: string, zh: string): L10n => ({ en, 'zh-CN': zh });

/** A state as both languages show it, with Linux's name where it differs. */
export function stateLabel(s: TcpState): L10n {
  const alias = LINUX_STATE_ALIAS[s];
  const extra = alias && alias !== s && s !== 'CLOSED' ? alias : undefined;
  return tx(extra ? `${s} (Linux: ${extra})` : s, extra ? `${s}（Linux：${extra}）` : s);
}

export const stateOptions = (...states: TcpState[]): ChoiceOption[] => states.map((s) => ({ id: s, label: stateLabel(s) }));

export const errnoOptions = (...names: (Errno | 'OK')[]): ChoiceOption[] =>
  names.map((e) => ({ id: e, label: e === 'OK' ? tx('no error (it succeeds)', '没有错误（调用成功）') : tx(e, e) }));

const FLAG_ORDER: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG'];

/** Flags in Wireshark's order, joined: "SYN+ACK", "FIN+ACK", "PSH+ACK". */
export const flagId = (flags: readonly FlagName[]): string => FLAG_ORDER.filter((f) => flags.includes(f)).join('+');

export const flagOptions = (...sets: FlagName[][]): ChoiceOption[] =>
  sets.map((f) => ({ id: flagId(f), label: tx(flagId(f), flagId(f)) }));

/** A data string as code shows it: quoted, with control characters escaped. */
export function show(s: string): string {
  return JSON.stringify(s);
}

/** Options for "what will this call return?" about data: the right one among plausible others. */
export function dataOptions(right: string, others: string[]): ChoiceOption[] {
  const all = [...new Set([right, ...others])].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return all.map((d) => ({ id: d, label: d === '' ? tx('"" (0 bytes: end of stream)', '""（0 字节：流结束）') : tx(show(d), show(d)) }));
}

/** The connection socket (sid) of `host` that changed state last at or before `index`. */
export function connAt(v: TraceView, host: string, index: number): number {
  for (let i = Math.min(index, v.trace.length - 1); i >= 0; i--) {
    const r = v.trace[i];
    if (r.type === 'state' && r.host === host && r.sock.includes('->')) return r.sid;
  }
  throw new Unresolved(`a connection on ${host}`);
}

/** The state of `host`'s connection once the moment at `index` has happened (its most recently changed connection socket). */
export function connStateAt(v: TraceView, host: string, index: number): TcpState {
  const at = v.settled(index);
  return v.stateOf(connAt(v, host, at), at);
}

/** Every state a socket passes through, in order. */
export function statesOf(v: TraceView, sid: number): TcpState[] {
  const out: TcpState[] = [];
  for (const r of v.trace) if (r.type === 'state' && r.sid === sid) out.push(r.to);
  return out;
}

/** The errno of a return, or 'OK'. */
export const errnoOf = (r: ReturnRecord): Errno | 'OK' => r.error ?? 'OK';

/** "10.0.0.1:59598->10.0.0.2:7" → its two ends. */
export function endsOf(sock: string): { local: string; remote: string } {
  const [local, remote = ''] = sock.split('->');
  return { local, remote };
}

/** Milliseconds as both languages write them. */
export const ms = (n: number): L10n => tx(`${round(n)} ms`, `${round(n)} 毫秒`);
export const round = (n: number): number => Math.round(n * 1000) / 1000;
