// The code panel must show programs a student could compile and run: every representative
// scenario, every program, every language (locales alternate), through the real compilers.
import { describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES } from '../../../src/codegen';
import { ALL } from './scenarios';
import { checkPrograms, type SourceFile } from './toolchain';

describe('generated programs compile without errors or warnings', () => {
  it('gcc -Wall -Wextra, py_compile, javac -Xlint:all and node --check accept every program', async () => {
    const files: (SourceFile & { label: string })[] = [];
    for (const [k, [name, scenario]] of Object.entries(ALL).entries()) {
      scenario.programs.forEach((_, pi) => {
        for (const { id } of LANGUAGES) {
          // Locales differ only in comments (escaping.test.ts covers those): alternate them.
          for (const locale of [k % 2 === 0 ? 'en' : 'zh-CN'] as const) {
            const g = generateCode(scenario, pi, id, { locale });
            files.push({ lang: id, fileName: g.fileName, text: g.text, label: `${name} program ${pi} ${id} ${locale}` });
          }
          // Every call failing and handled: the try blocks must not hide a variable from later steps.
          const failing = scenario.programs[pi].steps.map((_, i) => i);
          const g = generateCode(scenario, pi, id, { failing });
          files.push({ lang: id, fileName: g.fileName, text: g.text, label: `${name} program ${pi} ${id} all failing` });
        }
      });
    }
    const results = await checkPrograms(files);
    const failures = results
      .map((r, i) => (r.ok ? '' : `${files[i].label}:\n${r.messages}\n${files[i].text}`))
      .filter(Boolean);
    expect(failures).toEqual([]);
  }, 300_000);
});
