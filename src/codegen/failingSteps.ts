// Which steps of a program fail in a run, for GenerateOptions.failing: the code panel then shows
// the error handling that lets the program go on, as the simulated program does.
import type { TraceRecord } from '../sim/trace/records';

/** Indices of the steps of program `programIndex` that returned an error at least once in `trace`. */
export function failingSteps(trace: readonly TraceRecord[], programIndex: number): number[] {
  const steps = new Set<number>();
  for (const r of trace) if (r.type === 'return' && r.prog === programIndex && r.error !== undefined) steps.add(r.step);
  return [...steps].sort((a, b) => a - b);
}

/** failingSteps for every program that has a failing step, keyed by program index. */
export function failingStepsByProgram(trace: readonly TraceRecord[]): Record<number, number[]> {
  const byProg: Record<number, Set<number>> = {};
  for (const r of trace) if (r.type === 'return' && r.error !== undefined) (byProg[r.prog] ??= new Set()).add(r.step);
  return Object.fromEntries(Object.entries(byProg).map(([p, s]) => [p, [...s].sort((a, b) => a - b)]));
}
