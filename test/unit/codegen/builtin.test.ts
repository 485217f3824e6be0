// The path the code panel takes: a built-in scenario is simulated, the steps that fail in the
// trace are handled in the code, and the programs shown must compile and highlight their calls.
import { describe, expect, it } from 'vitest';
import { failingSteps, generateCode, LANGUAGES } from '../../../src/codegen';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../../src/scenarios/builtin';
import { parseScenario } from '../../../src/scenarios/schema';
import { simulate } from '../../../src/sim';
import { expectCallLines } from './callPatterns';
import { checkPrograms, type SourceFile } from './toolchain';

const runs = BUILTIN_SCENARIOS.map(({ id, scenario }) => {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`built-in ${id}: ${parsed.error.message}`);
  return { id, scenario: parsed.scenario, trace: simulate(parsed.scenario).trace };
});

describe('built-in scenarios', () => {
  it('failingSteps finds the refused connect() of the client', () => {
    const run = runs.find((r) => r.id === 'refused')!;
    const pi = run.scenario.programs.findIndex((p) => p.steps.some((s) => s.op === 'connect'));
    const connect = run.scenario.programs[pi].steps.findIndex((s) => s.op === 'connect');
    expect(failingSteps(run.trace, pi)).toContain(connect);
    const py = generateCode(run.scenario, pi, 'python', { failing: failingSteps(run.trace, pi) });
    expect(py.lines[py.stepLines[connect][0] - 2]).toBe('try:');
    expect(builtinScenario('refused')).toBeDefined();
  });

  for (const run of runs) {
    it(`${run.id}: every program highlights each step's call in every language`, () => {
      run.scenario.programs.forEach((p, pi) => {
        for (const { id } of LANGUAGES) expectCallLines(generateCode(run.scenario, pi, id, { failing: failingSteps(run.trace, pi) }), p.steps);
      });
    });
  }

  it('every program of every built-in scenario compiles cleanly in every language', async () => {
    const files: (SourceFile & { label: string })[] = [];
    for (const [k, run] of runs.entries()) {
      run.scenario.programs.forEach((_, pi) => {
        for (const { id } of LANGUAGES) {
          // Locales differ only in comments (escaping.test.ts covers those): alternate them.
          for (const locale of [k % 2 === 0 ? 'en' : 'zh-CN'] as const) {
            const g = generateCode(run.scenario, pi, id, { locale, failing: failingSteps(run.trace, pi) });
            files.push({ ...g, label: `${run.id} program ${pi} ${id} ${locale}` });
          }
        }
      });
    }
    const results = await checkPrograms(files);
    expect(results.map((r, i) => (r.ok ? '' : `${files[i].label}:\n${r.messages}\n${files[i].text}`)).filter(Boolean)).toEqual([]);
  }, 300_000);
});
