// Text written beside a lifeline at a step: the call made on that socket and the state it entered
// ("connect() → SYN_SENT", "accept() = 4"). Computed once per run.
import type { Timeline } from '../../timeline';
import { isRecvResult, type TcpState, type ReturnRecord } from '../../sim/trace/records';

export interface Annotation {
  step: number;
  sock: number;
  call?: string;
  /** The call failed with this errno. */
  error?: string;
  state?: TcpState;
}

function resultText(r: ReturnRecord): string {
  if (r.error) return '';
  if (typeof r.result === 'number') return ` = ${r.result}`;
  if (isRecvResult(r.result)) return ` = ${r.result.bytes}`;
  if (r.result) return ` → ${r.result.ready.join(',')}`;
  return '';
}

export function buildAnnotations(tl: Timeline): Annotation[] {
  const out: Annotation[] = [];
  for (const st of tl.steps) {
    const bySock = new Map<number, Annotation>();
    const at = (sock: number) => {
      let a = bySock.get(sock);
      if (!a) { a = { step: st.index, sock }; bySock.set(sock, a); }
      return a;
    };
    for (let i = st.first; i <= st.last; i++) {
      const r = tl.trace[i];
      const sock = tl.recSock[i];
      if (r.type === 'call' && sock >= 0) at(sock).call = `${r.op}()`;
      else if (r.type === 'return' && sock >= 0) {
        const a = at(sock);
        a.call = `${r.op}()${resultText(r)}`;
        if (r.error) a.error = r.error;
      } else if (r.type === 'state' && sock >= 0) at(sock).state = r.to;
    }
    out.push(...bySock.values());
  }
  return out;
}
