// The code panel highlights stepLines[i][0] while step i runs: that line must be the call.
import { describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES } from '../../../src/codegen';
import { expectCallLines } from './callPatterns';
import { ALL, halfClose, tcpEcho } from './scenarios';

describe('stepLines', () => {
  for (const [name, scenario] of Object.entries(ALL)) {
    scenario.programs.forEach((program, pi) => {
      for (const { id: lang } of LANGUAGES) {
        it(`${name} program ${pi} in ${lang}: every step highlights a line with its call`, () => {
          expectCallLines(generateCode(scenario, pi, lang), program.steps);
          // With every call failing, try/except lines surround the calls but are never highlighted.
          expectCallLines(generateCode(scenario, pi, lang, { failing: program.steps.map((_, i) => i) }), program.steps);
        });
      }
    });
  }

  it('keeps each step\'s lines to itself, except where one call does two steps', () => {
    for (const { id: lang } of LANGUAGES) {
      const g = generateCode(halfClose, 0, lang);
      const owner = new Map<number, number>();
      g.stepLines.forEach((lines, i) => {
        for (const n of lines) {
          const other = owner.get(n);
          // Only listen() may share a line, and only with the bind() of its socket (Java, Node).
          if (other !== undefined) expect([halfClose.programs[0].steps[other].op, halfClose.programs[0].steps[i].op]).toEqual(['bind', 'listen']);
          owner.set(n, i);
        }
      });
    }
  });

  it('puts a step\'s comment in the locale asked for, just above its call', () => {
    const en = generateCode(tcpEcho, 0, 'python', { locale: 'en' });
    const zh = generateCode(tcpEcho, 0, 'python', { locale: 'zh-CN' });
    expect(en.lines[en.stepLines[0][0] - 2]).toBe('# the listening socket');
    expect(zh.lines[zh.stepLines[0][0] - 2]).toBe('# 监听套接字');
    expect(zh.stepLines[0]).toContain(zh.stepLines[0][0] - 1);
  });

  it('lines and text agree, and tokens rebuild each line', () => {
    for (const { id: lang } of LANGUAGES) {
      const g = generateCode(tcpEcho, 1, lang);
      expect(g.text).toBe(g.lines.join('\n') + '\n');
      g.lines.forEach((line, i) => expect(g.tokens[i].map((t) => t.text).join('')).toBe(line));
    }
  });
});
