// The code shown for a program: real C, Python, Java or Node.js from the code generator; if the
// generator cannot express a scenario, each step is listed as the socket call it makes, so the
// panel always has something true to show.
import type { Scenario, Step } from '../../scenarios/schema';
import type { CodeLang } from '../../store/types';
import type { Locale } from '../../i18n/i18n';
import { generateCode, type Token } from '../../codegen';

export interface ProgramCode {
  lang: CodeLang | 'steps';
  lines: string[];
  /** Syntax classes per line (absent for the plain step listing). */
  tokens?: Token[][];
  /** stepLines[step][0] is the line (0-based) to highlight for that step. */
  stepLines: number[][];
}

function dataText(d: Extract<Step, { op: 'send' }>['data']): string {
  return typeof d === 'string' ? JSON.stringify(d) : `<${d.bytes} bytes>`;
}

export function stepLine(st: Step): string {
  switch (st.op) {
    case 'socket': return `${st.as} = socket(${st.type === 'dgram' ? 'SOCK_DGRAM' : st.type === 'raw' ? 'SOCK_RAW' : 'SOCK_STREAM'})`;
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
    case 'spawn': return `spawn(program ${st.program})`;
    case 'poll': return `poll([${st.socks.join(', ')}]${st.timeout !== undefined ? `, ${st.timeout} ms` : ''})`;
  }
}

export function stepListing(scenario: Scenario, prog: number): ProgramCode {
  const p = scenario.programs[prog];
  if (!p) return { lang: 'steps', lines: [], stepLines: [] };
  return { lang: 'steps', lines: p.steps.map(stepLine), stepLines: p.steps.map((_, i) => [i]) };
}

/**
 * For each program, the program whose file it is part of: a thread started by a spawn step shares
 * the file of the program that (directly or through another thread) started it.
 */
export function processRoots(scenario: Scenario): number[] {
  const spawner = (i: number): number | undefined => {
    const p = scenario.programs[i];
    if (p.start !== 'spawn') return undefined;
    const j = scenario.programs.findIndex((q, qi) => qi !== i && q.host === p.host && q.steps.some((st) => st.op === 'spawn' && st.program === i));
    return j < 0 ? undefined : j;
  };
  return scenario.programs.map((_, i) => {
    let root = i;
    const seen = new Set([i]);
    for (let up = spawner(root); up !== undefined && !seen.has(up); up = spawner(up)) { seen.add(up); root = up; }
    return root;
  });
}

export function programCode(scenario: Scenario, prog: number, lang: CodeLang, locale: Locale, failingByProgram: Readonly<Record<number, readonly number[]>> = {}): ProgramCode {
  try {
    const g = generateCode(scenario, prog, lang, { locale, failingByProgram });
    return { lang, lines: g.lines, tokens: g.tokens, stepLines: g.stepLines.map((ls) => ls.map((n) => n - 1)) };
  } catch {
    return stepListing(scenario, prog);
  }
}
