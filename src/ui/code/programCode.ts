// The code shown for a program. Until the code generator (src/codegen) is merged, each scenario
// step is listed as the socket call it makes, one line per step; the panel only needs
// `lines` and `stepLines` (the line of each step), which is also what generateCode returns.
import type { Scenario, Step } from '../../scenarios/schema';
import type { CodeLang } from '../../store/types';
import type { Locale } from '../../i18n/i18n';

export interface ProgramCode {
  lang: CodeLang | 'steps';
  lines: string[];
  /** stepLines[step][0] is the line (0-based) to highlight for that step. */
  stepLines: number[][];
}

function dataText(d: Extract<Step, { op: 'send' }>['data']): string {
  return typeof d === 'string' ? JSON.stringify(d) : `<${d.bytes} bytes>`;
}

export function stepLine(st: Step): string {
  switch (st.op) {
    case 'socket': return `${st.as} = socket(${st.type === 'dgram' ? 'SOCK_DGRAM' : 'SOCK_STREAM'})`;
    case 'bind': return `bind(${st.sock}, ${st.ip ?? '0.0.0.0'}:${st.port})`;
    case 'listen': return `listen(${st.sock}, ${st.backlog})`;
    case 'accept': return `${st.as} = accept(${st.sock})`;
    case 'connect': return `connect(${st.sock}, ${st.to}:${st.port})`;
    case 'send': return `send(${st.sock}, ${dataText(st.data)})`;
    case 'recv': return `recv(${st.sock}, ${st.max})${st.until === 'eof' ? '  // until EOF' : ''}`;
    case 'sendto': return `sendto(${st.sock}, ${dataText(st.data)}, ${st.to}:${st.port})`;
    case 'recvfrom': return `recvfrom(${st.sock}, ${st.max})`;
    case 'shutdown': return `shutdown(${st.sock}, SHUT_${st.how.toUpperCase()})`;
    case 'close': return `close(${st.sock})`;
    case 'setsockopt': return `setsockopt(${st.sock}, ${st.name}, ${String(st.value)})`;
    case 'sleep': return `sleep(${st.ms} ms)`;
  }
}

export function programCode(scenario: Scenario, prog: number, _lang: CodeLang, _locale: Locale): ProgramCode {
  const p = scenario.programs[prog];
  if (!p) return { lang: 'steps', lines: [], stepLines: [] };
  return { lang: 'steps', lines: p.steps.map(stepLine), stepLines: p.steps.map((_, i) => [i]) };
}

/** Whether generated code in several languages is available (the code generator is merged). */
export const HAS_CODEGEN = false;
