// Every user-visible string of every lesson exists in en and zh-CN: English prose without Chinese,
// Chinese prose with Chinese characters, and texts that cite the run resolved on that run.
import { describe, expect, it } from 'vitest';
import { evaluateQuestion, LESSONS, resolveScenarioRef, resolveText, TraceView } from '../../../src/lessons';
import type { L10n } from '../../../src/lessons';
import { LESSON_SCENARIOS } from '../../../src/scenarios/lessons';
import { run } from './lessonRuns';

const CJK = /[\u3400-\u9fff]/;

/** Prose: both present, English free of Chinese, Chinese written in Chinese. */
function prose(t: L10n | null | undefined, where: string): void {
  expect(t, where).toBeTruthy();
  expect(t!.en.trim().length, `${where} (en)`).toBeGreaterThan(0);
  expect(t!['zh-CN'].trim().length, `${where} (zh-CN)`).toBeGreaterThan(0);
  expect(t!.en, `${where} (en has Chinese)`).not.toMatch(CJK);
  expect(t!['zh-CN'], `${where} (zh-CN is not Chinese)`).toMatch(CJK);
}

/** Labels may be code in both languages ("SYN+ACK", "EPIPE", "\"HELLO\""): both present, en without Chinese. */
function label(t: L10n, where: string): void {
  expect(t.en.length, `${where} (en)`).toBeGreaterThan(0);
  expect(t['zh-CN'].length, `${where} (zh-CN)`).toBeGreaterThan(0);
  expect(t.en, `${where} (en has Chinese)`).not.toMatch(CJK);
}

describe('lesson texts in both languages', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}`, () => {
      prose(lesson.title, 'title');
      prose(lesson.summary, 'summary');
      for (const term of lesson.terms) {
        expect(term.en).not.toMatch(CJK);
        expect(term.zh.length).toBeGreaterThan(0);
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
    }
  });
});
