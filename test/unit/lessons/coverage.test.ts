// Curriculum coverage: every section of shared/design/curriculum.md has lesson steps that show its
// ideas, each listed step exists and really speaks of the idea (its zh-CN text uses the term).
import { describe, expect, it } from 'vitest';
import { CURRICULUM_COVERAGE, CURRICULUM_HEADINGS, evaluateQuestion, lessonById, resolveScenarioRef, resolveText, TraceView } from '../../../src/lessons';
import type { Lesson } from '../../../src/lessons';
import { run } from './lessonRuns';

/** Every zh-CN text a step shows on its own run: narration, prompt, explanation, options. */
function stepTexts(lesson: Lesson): string[] {
  return lesson.steps.map((step) => {
    const s = resolveScenarioRef(lesson.scenarios[step.scenario]);
    const r = run(s);
    const v = new TraceView(s, r.trace, r.result.packets);
    const q = step.question ? evaluateQuestion(step.question, v) : null;
    return [resolveText(step.narration, v)?.['zh-CN'], q?.prompt['zh-CN'], q?.explanation['zh-CN'], ...(q?.options ?? []).map((o) => o.label['zh-CN'])].join('\n');
  });
}

describe('curriculum coverage', () => {
  it('covers every section 1–11', () => {
    const sections = new Set(CURRICULUM_COVERAGE.map((c) => c.section));
    for (let s = 1; s <= 11; s++) expect(sections.has(s), `section ${s}`).toBe(true);
  });

  it('names the curriculum\'s errno list and the three server designs', () => {
    const ideas = CURRICULUM_COVERAGE.map((c) => c.idea).join('\n');
    for (const e of ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENOTCONN', 'EAGAIN', 'EACCES', 'EINTR', 'EMSGSIZE']) expect(ideas).toContain(e);
    for (const d of ['thread per connection', 'thread pool', 'event loop']) expect(ideas).toContain(d);
  });

  it.each(CURRICULUM_HEADINGS.map((h) => [h.section, h] as const))('§%s: the heading\'s Chinese terms are used by its lesson', (_, h) => {
    const lesson = lessonById(h.lesson)!;
    const head = [lesson.title['zh-CN'], lesson.summary['zh-CN'], ...lesson.terms.map((t) => t.zh)].join('\n');
    const steps = stepTexts(lesson).join('\n');
    for (const zh of h.zh) {
      expect(head, `${h.lesson}: title, summary or terms use ${zh}`).toContain(zh);
      expect(steps, `${h.lesson}: a step's text uses ${zh}`).toContain(zh);
    }
  });

  for (const c of CURRICULUM_COVERAGE) {
    it(`§${c.section} ${c.idea} → ${c.lesson}/${c.step}`, () => {
      const lesson = lessonById(c.lesson);
      expect(lesson, c.lesson).toBeDefined();
      const step = lesson!.steps.find((s) => s.id === c.step);
      expect(step, `${c.lesson}/${c.step}`).toBeDefined();
      const zh = stepTexts({ ...lesson!, steps: [step!] })[0];
      expect(zh).toContain(c.zh);
    });
  }
});
