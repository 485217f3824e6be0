// Entry point of the code panel's source: one scenario program as a real program in one language.
import type { Scenario } from '../scenarios/schema';
import { analyzeGroup } from './analyzeGroup';
import { emitC } from './emitC';
import { emitJava } from './emitJava';
import { emitJavaScript } from './emitJavaScript';
import { emitPython } from './emitPython';
import { CodegenError } from './literals';
import type { GenerateOptions, GeneratedCode, Lang } from './types';
import { LANGUAGES } from './types';

/** A file name stem for the program: its host, numbered when a host runs several processes. */
function fileStem(scenario: Scenario, programIndex: number): string {
  const host = scenario.programs[programIndex].host;
  // A thread started by spawn is part of its starter's file, not a file of its own.
  const same = scenario.programs.map((p, i) => (p.host === host && p.start !== 'spawn' ? i : -1)).filter((i) => i >= 0);
  const stem = host.replace(/[^A-Za-z0-9_]/g, '_') || 'program';
  return same.length > 1 ? `${stem}${same.indexOf(programIndex) + 1}` : stem;
}

/**
 * Generate program `programIndex` of `scenario` in `lang`. The scenario should have passed
 * `parseScenario`; anything the generator cannot express raises a `CodegenError` naming it.
 * A program that is a thread (started by a `spawn` step) or starts threads is generated as the
 * whole process: the same file for each of its threads, with `stepLines` in the asked one's function.
 */
export function generateCode(scenario: Scenario, programIndex: number, lang: Lang, opts: GenerateOptions = {}): GeneratedCode {
  if (!LANGUAGES.some((l) => l.id === lang)) {
    throw new CodegenError(`lang: expected one of ${LANGUAGES.map((l) => `"${l.id}"`).join(', ')}, got ${JSON.stringify(lang)}`);
  }
  const locale = opts.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const group = analyzeGroup(scenario, programIndex);
  const stem = fileStem(scenario, group.members[0].index);
  const failingOf = (index: number): ReadonlySet<number> =>
    new Set(index === programIndex ? opts.failing ?? opts.failingByProgram?.[index] ?? [] : opts.failingByProgram?.[index] ?? []);
  switch (lang) {
    case 'c':
      return emitC(group, locale, stem);
    case 'python':
      return emitPython(group, locale, stem, failingOf);
    case 'java':
      return emitJava(group, locale, stem, failingOf);
    case 'javascript':
      return emitJavaScript(group, locale, stem, failingOf);
  }
}
