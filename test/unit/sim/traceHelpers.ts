// Compact views of a trace for scenario tests: what a student would read off the sequence diagram.
import { isRecvResult, type TraceRecord } from '../../../src/sim/trace/records';

/** Every segment put on the wire, as "from>to FLAGS seq=S ack=A len=L" (relative numbers). */
export function wire(trace: readonly TraceRecord[]): string[] {
  const out: string[] = [];
  for (const r of trace) {
    if (r.type === 'segment' && r.event === 'send') out.push(`${r.from}>${r.to} ${r.flags.join(',')} seq=${r.rseq} ack=${r.rack} len=${r.len}`);
    if (r.type === 'segment' && r.event === 'drop') out.push(`  (dropped: ${r.reason})`);
    if (r.type === 'datagram' && r.event === 'send') out.push(`${r.from}>${r.to} UDP len=${r.len}`);
    if (r.type === 'icmp' && r.event === 'send') out.push(`${r.from}>${r.to} ICMP ${r.kind}`);
  }
  return out;
}

/** The states each socket passed through, keyed "host sid". */
export function statePaths(trace: readonly TraceRecord[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of trace) {
    if (r.type !== 'state') continue;
    const k = `${r.host} ${r.sid}`;
    out[k] ??= [r.from];
    out[k].push(r.to);
  }
  return out;
}

/** Return values of calls, as "host op → result|ERRNO". */
export function returns(trace: readonly TraceRecord[], host?: string): string[] {
  const out: string[] = [];
  for (const r of trace) {
    if (r.type !== 'return' || (host && r.host !== host)) continue;
    const v = r.error ?? (isRecvResult(r.result) ? JSON.stringify(r.result.data) : typeof r.result === 'object' ? JSON.stringify(r.result) : String(r.result));
    out.push(`${r.host} ${r.op} → ${v}`);
  }
  return out;
}

export function at(trace: readonly TraceRecord[], pred: (r: TraceRecord) => boolean): number[] {
  return trace.filter(pred).map((r) => r.t);
}
