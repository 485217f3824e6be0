// Every user-visible string of every lesson exists in en and zh-CN: English prose without Chinese,
// Chinese prose with Chinese characters, and texts that cite the run resolved on that run.
import { describe, expect, it } from 'vitest';
import { evaluateQuestion, LESSONS, resolveScenarioRef, resolveText, TraceView } from '../../../src/lessons';
import type { L10n } from '../../../src/lessons';
import { LESSON_SCENARIOS } from '../../../src/scenarios/lessons';
import { BUILTIN_SCENARIOS } from '../../../src/scenarios/builtin';
import { programName, zhProgramName } from '../../../src/i18n/programNames';
import { run } from './lessonRuns';

const CJK = /[\u3400-\u9fff]/;
/** Chinese and Latin text touching without the space house style puts between them ("browser发送"). */
const UNSPACED = /[A-Za-z0-9][\u3400-\u9fff]|[\u3400-\u9fff][A-Za-z0-9]/;

function spaced(zh: string, where: string): void {
  const m = UNSPACED.exec(zh);
  expect.soft(m ? `…${zh.slice(Math.max(0, m.index - 12), m.index + 12)}…` : '', `${where}: a space between Chinese and Latin text`).toBe('');
}

/** Prose: both present, English free of Chinese, Chinese written in Chinese. */
function prose(t: L10n | null | undefined, where: string): void {
  expect(t, where).toBeTruthy();
  expect(t!.en.trim().length, `${where} (en)`).toBeGreaterThan(0);
  expect(t!['zh-CN'].trim().length, `${where} (zh-CN)`).toBeGreaterThan(0);
  expect(t!.en, `${where} (en has Chinese)`).not.toMatch(CJK);
  expect(t!['zh-CN'], `${where} (zh-CN is not Chinese)`).toMatch(CJK);
  spaced(t!['zh-CN'], where);
}

/** Labels may be code in both languages ("SYN+ACK", "EPIPE", "\"HELLO\""): both present, en without Chinese. */
function label(t: L10n, where: string): void {
  expect(t.en.length, `${where} (en)`).toBeGreaterThan(0);
  expect(t['zh-CN'].length, `${where} (zh-CN)`).toBeGreaterThan(0);
  expect(t.en, `${where} (en has Chinese)`).not.toMatch(CJK);
  spaced(t['zh-CN'], where);
}

describe('lesson texts in both languages', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}`, () => {
      prose(lesson.title, 'title');
      prose(lesson.summary, 'summary');
      for (const term of lesson.terms) {
        expect(term.en).not.toMatch(CJK);
        expect(term.zh.length).toBeGreaterThan(0);
        spaced(term.zh, `term ${term.en}`);
      }
      for (const step of lesson.steps) {
        const s = resolveScenarioRef(lesson.scenarios[step.scenario]);
        const r = run(s);
        const v = new TraceView(s, r.trace, r.result.packets);
        prose(resolveText(step.narration, v), `${step.id} narration`);
        if (!step.question) continue;
        const q = evaluateQuestion(step.question, v)!;
        prose(q.prompt, `${step.id} prompt`);
        prose(q.explanation, `${step.id} explanation`);
        for (const o of q.options ?? []) label(o.label, `${step.id} option ${o.id}`);
        if (q.unit) label(q.unit, `${step.id} unit`);
      }
    });
  }

  it('every lesson scenario has a title and description in both languages', () => {
    for (const { id, scenario } of LESSON_SCENARIOS) {
      expect(typeof scenario.title, id).toBe('object');
      prose(scenario.title as L10n, `${id} title`);
      prose(scenario.description as L10n, `${id} description`);
      scenario.programs.forEach((p, pi) => p.steps.forEach((st, si) => {
        if (st.comment && typeof st.comment === 'object') spaced(st.comment['zh-CN'], `${id} program ${pi} step ${si} comment`);
      }));
    }
  });
});

describe('program names in zh-CN', () => {
  // A scenario's program name is a plain string; the code panel and the generated code show it
  // through src/i18n/programNames.ts, so every name the shipped scenarios use needs its zh-CN word.
  it('every program name of the built-in and lesson scenarios has a Chinese name', () => {
    const names = [...BUILTIN_SCENARIOS, ...LESSON_SCENARIOS].flatMap(({ scenario }) => scenario.programs.flatMap((p) => (p.name ? [p.name] : [])));
    expect(names.length).toBeGreaterThan(10);
    for (const n of new Set(names)) {
      const zh = zhProgramName(n);
      expect(zh, n).toMatch(CJK);
      spaced(zh!, n);
    }
  });

  it('keeps the number of a numbered thread and leaves unknown names as written', () => {
    expect(programName('pool thread 2', 'zh-CN')).toBe('线程池线程 2');
    expect(programName('main', 'zh-CN')).toBe('主线程');
    expect(programName('main', 'en')).toBe('main');
    expect(programName('my worker', 'zh-CN')).toBe('my worker');
    expect(programName(undefined, 'zh-CN')).toBeUndefined();
  });
});
