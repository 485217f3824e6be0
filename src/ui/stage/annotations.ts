// Text written beside a lifeline at a step: the call made on that socket and the state it entered
// ("connect() → SYN_SENT", "accept() = 4"). Computed once per run.
import type { Timeline } from '../../timeline';
import { isRecvResult, type TcpState, type ReturnRecord } from '../../sim/trace/records';
import type { DiagramLayout } from './diagramLayout';
import type { Box } from './labelPlacement';

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

/** The text of a note as drawn: the call (and its error), then the state it entered. */
export function noteText(a: Annotation): string {
  const call = a.call ? `${a.call}${a.error ? ` ✕ ${a.error}` : ''}` : '';
  return [call, a.state ?? ''].filter(Boolean).join(' ');
}

export interface NotePlacement { x: number; anchor: 'start' | 'end'; box: Box }

/**
 * Where each note is written: on its lane's preferred side, or on the other side when the text
 * would run out of the drawing (or into the time gutter) there. Computed once per run.
 */
export function placeNotes(annotations: readonly Annotation[], L: DiagramLayout, charW: number, height: number): Array<NotePlacement | null> {
  return annotations.map((a) => {
    const lane = L.lanes.get(a.sock);
    if (!lane) return null;
    const w = noteText(a).length * charW;
    const room = (side: number) => (side > 0 ? L.width - 4 - (lane.x + 10) : lane.x - 10 - (L.gutter + 2));
    let side: number = lane.labelSide;
    if (room(side) < w && room(-side) > room(side)) side = -side;
    const x = lane.x + side * 10;
    const y = L.y(a.step);
    const box: Box = side > 0 ? { x0: x, y0: y - height / 2, x1: x + w, y1: y + height / 2 } : { x0: x - w, y0: y - height / 2, x1: x, y1: y + height / 2 };
    return { x, anchor: side > 0 ? 'start' : 'end', box };
  });
}
