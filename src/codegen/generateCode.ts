// Entry point of the code panel's source: one scenario program as a real program in one language.
import type { Scenario } from '../scenarios/schema';
import { analyzeProgram } from './analyzeProgram';
import { emitC } from './emitC';
import { emitJava } from './emitJava';
import { emitJavaScript } from './emitJavaScript';
import { emitPython } from './emitPython';
import { CodegenError } from './literals';
import type { GenerateOptions, GeneratedCode, Lang } from './types';
import { LANGUAGES } from './types';

/** A file name stem for the program: its host, numbered when a host runs several programs. */
function fileStem(scenario: Scenario, programIndex: number): string {
  const host = scenario.programs[programIndex].host;
  const same = scenario.programs.map((p, i) => (p.host === host ? i : -1)).filter((i) => i >= 0);
  const stem = host.replace(/[^A-Za-z0-9_]/g, '_') || 'program';
  return same.length > 1 ? `${stem}${same.indexOf(programIndex) + 1}` : stem;
}

/**
 * Generate program `programIndex` of `scenario` in `lang`. The scenario should have passed
 * `parseScenario`; anything the generator cannot express raises a `CodegenError` naming it.
 */
export function generateCode(scenario: Scenario, programIndex: number, lang: Lang, opts: GenerateOptions = {}): GeneratedCode {
  if (!LANGUAGES.some((l) => l.id === lang)) {
    throw new CodegenError(`lang: expected one of ${LANGUAGES.map((l) => `"${l.id}"`).join(', ')}, got ${JSON.stringify(lang)}`);
  }
  const locale = opts.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const model = analyzeProgram(scenario, programIndex);
  const stem = fileStem(scenario, programIndex);
  const failing = new Set(opts.failing ?? []);
  switch (lang) {
    case 'c':
      return emitC(model, locale, stem);
    case 'python':
      return emitPython(model, locale, stem, failing);
    case 'java':
      return emitJava(model, locale, stem, failing);
    case 'javascript':
      return emitJavaScript(model, locale, stem, failing);
  }
}
