// Curriculum coverage: every section of shared/design/curriculum.md has lesson steps that show its
// ideas, each listed step exists and really speaks of the idea (its zh-CN text uses the term).
import { describe, expect, it } from 'vitest';
import { CURRICULUM_COVERAGE, evaluateQuestion, lessonById, resolveScenarioRef, resolveText, TraceView } from '../../../src/lessons';
import { run } from './lessonRuns';

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

  for (const c of CURRICULUM_COVERAGE) {
    it(`§${c.section} ${c.idea} → ${c.lesson}/${c.step}`, () => {
      const lesson = lessonById(c.lesson);
      expect(lesson, c.lesson).toBeDefined();
      const step = lesson!.steps.find((s) => s.id === c.step);
      expect(step, `${c.lesson}/${c.step}`).toBeDefined();
      const s = resolveScenarioRef(lesson!.scenarios[step!.scenario]);
      const r = run(s);
      const v = new TraceView(s, r.trace, r.result.packets);
      const q = step!.question ? evaluateQuestion(step!.question, v) : null;
      const zh = [resolveText(step!.narration, v)?.['zh-CN'], q?.prompt['zh-CN'], q?.explanation['zh-CN'], ...(q?.options ?? []).map((o) => o.label['zh-CN'])].join('\n');
      expect(zh).toContain(c.zh);
    });
  }
});
