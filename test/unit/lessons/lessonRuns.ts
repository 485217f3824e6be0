// Runs of the lessons' scenarios for the tests, and raw-record lookups written independently of
// src/lessons (the tests must not check the lessons with the lessons' own code).
import { LESSONS, resolveScenarioRef } from '../../../src/lessons';
import type { Lesson } from '../../../src/lessons';
import type { Scenario } from '../../../src/scenarios/schema';
import { simulate } from '../../../src/sim';
import type { SimulationResult } from '../../../src/sim';
import type { TraceRecord } from '../../../src/sim/trace/records';

export interface Run { scenario: Scenario; result: SimulationResult; trace: TraceRecord[] }

const runs = new Map<Scenario, Run>();

export function run(scenario: Scenario): Run {
  let r = runs.get(scenario);
  if (!r) {
    const result = simulate(scenario);
    r = { scenario, result, trace: result.trace };
    runs.set(scenario, r);
  }
  return r;
}

export function lessonRun(lesson: Lesson, key: string): Run {
  return run(resolveScenarioRef(lesson.scenarios[key]));
}

export const allSteps = () => LESSONS.flatMap((lesson) => lesson.steps.map((step, index) => ({ lesson, step, index })));

type R<T extends TraceRecord['type']> = Extract<TraceRecord, { type: T }>;

export const of = <T extends TraceRecord['type']>(trace: readonly TraceRecord[], type: T, pred: (r: R<T>) => boolean = () => true): R<T>[] =>
  trace.filter((r): r is R<T> => r.type === type && pred(r as R<T>));

export const indexOf = (trace: readonly TraceRecord[], r: TraceRecord): number => trace.indexOf(r);

export const returns = (trace: readonly TraceRecord[], host: string, op: string) => of(trace, 'return', (r) => r.host === host && r.op === op);
export const calls = (trace: readonly TraceRecord[], host: string, op: string) => of(trace, 'call', (r) => r.host === host && r.op === op);
export const sent = (trace: readonly TraceRecord[], from: string) => of(trace, 'segment', (s) => s.event === 'send' && s.from === from);
export const dataOf = (r: R<'return'>): string => (r.result as { data: string }).data;
export const bytesOf = (r: R<'return'>): number => (r.result as { bytes: number }).bytes;
export const hasFlags = (s: R<'segment'>, ...f: string[]) => f.every((x) => s.flags.includes(x as never));

/** The state socket `sid` is in once every record up to `index` and its same-time bookkeeping has happened. */
export function stateAfter(trace: readonly TraceRecord[], sid: number, index: number): string {
  let end = index;
  while (end + 1 < trace.length && trace[end + 1].t === trace[index].t && (['state', 'buffer', 'cwnd', 'queue', 'block', 'program'].includes(trace[end + 1].type) || (trace[end + 1].type === 'timer' && (trace[end + 1] as R<'timer'>).event !== 'fire'))) end++;
  let s = 'CLOSED';
  for (let i = 0; i <= end; i++) {
    const r = trace[i];
    if (r.type === 'state' && r.sid === sid) s = r.to;
  }
  return s;
}
