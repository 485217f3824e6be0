// The lessons as the stage plays them: twelve, in order, each step's scenario valid and run to its
// end, each anchor found in the trace, each narration and question resolvable on the run.
import { describe, expect, it } from 'vitest';
import { LESSONS, prepareStep, resolveAnchor, resolveScenarioRef } from '../../../src/lessons';
import { parseScenario } from '../../../src/scenarios/schema';
import { LESSON_SCENARIOS } from '../../../src/scenarios/lessons';
import { lessonRun, allSteps, run } from './lessonRuns';

describe('the lesson list', () => {
  it('has the twelve lessons of the issue, numbered 1 to 12, with unique ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(12);
    expect(LESSONS.map((l) => l.id)).toEqual([
      'what-is-a-socket', 'socket-types', 'tcp-call-flow', 'three-way-handshake', 'four-way-close', 'flow-control',
      'loss-and-retransmission', 'sticky-packets', 'many-clients', 'errors', 'http-over-tcp', 'rfc-vs-linux',
    ]);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: at least three questions, of at least two kinds; unique step and question ids', (_, lesson) => {
    const qs = lesson.steps.flatMap((s) => (s.question ? [s.question] : []));
    expect(qs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
    expect(lesson.terms.length).toBeGreaterThan(0);
    for (const s of lesson.steps) expect(lesson.scenarios[s.scenario], `${lesson.id}/${s.id} names scenario "${s.scenario}"`).toBeDefined();
  });

  it('mixes choice and number questions over the curriculum, and predictions (asked before the moment)', () => {
    const qs = allSteps().filter((x) => x.step.question);
    expect(qs.filter((x) => x.step.question!.kind === 'choice').length).toBeGreaterThan(15);
    expect(qs.filter((x) => x.step.question!.kind === 'number').length).toBeGreaterThan(15);
    expect(qs.filter((x) => x.step.anchor.before).length).toBeGreaterThan(10);
  });
});

describe('lesson scenarios', () => {
  it('every lesson scenario file validates', () => {
    for (const { id, scenario } of LESSON_SCENARIOS) {
      const p = parseScenario(scenario);
      expect(p.ok ? '' : `${id}: ${p.error.message}`).toBe('');
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: every scenario validates and runs to completion`, () => {
      for (const [key, ref] of Object.entries(lesson.scenarios)) {
        const scenario = resolveScenarioRef(ref);
        const { result, trace } = run(scenario);
        expect(result.truncated, `${key} stops at the time limit`).toBe(false);
        // Every program that should run started and ended; none got stuck or stopped on an error.
        scenario.programs.forEach((_, i) => {
          const ev = trace.filter((r) => r.type === 'program' && r.prog === i).map((r) => r.type === 'program' && r.event);
          expect(ev, `${lesson.id}/${key} program ${i}`).toEqual(['start', 'end']);
        });
      }
    });
  }
});

describe('every step on its own run', () => {
  for (const { lesson, step, index } of allSteps()) {
    it(`${lesson.id}/${step.id}: the anchor and the reveal resolve; narration and question apply`, () => {
      const { trace } = lessonRun(lesson, step.scenario);
      const pos = resolveAnchor(step.anchor, trace);
      expect(pos, 'anchor').not.toBeNull();
      if (step.reveal) expect(resolveAnchor(step.reveal, trace), 'reveal').not.toBeNull();
      const p = prepareStep(lesson, index);
      expect(p.position).toEqual(pos);
      expect(p.narration, 'narration').not.toBeNull();
      if (step.question) expect(p.question, 'question').not.toBeNull();
      // A prediction is asked before its moment: the reveal lies at or after the anchor.
      if (step.anchor.before && p.reveal) expect(p.reveal.index).toBeGreaterThanOrEqual(pos!.index);
    });
  }
});
