// Every question's stated answer against the trace, recomputed independently (oracles.ts) — on the
// run as shipped, and on runs the user could have made by changing the network (other latency,
// another seed, so other ISNs and ports): the answers follow the trace, they are not constants.
import { describe, expect, it } from 'vitest';
import { evaluateQuestion, isCorrect, LESSONS, resolveScenarioRef, TraceView } from '../../../src/lessons';
import type { Scenario } from '../../../src/scenarios/schema';
import { allSteps, run } from './lessonRuns';
import { ORACLES } from './oracles';

const questions = allSteps().filter((x) => x.step.question);
const keyOf = (lessonId: string, qid: string) => `${lessonId}/${qid}`;

function view(s: Scenario): TraceView {
  const r = run(s);
  return new TraceView(s, r.trace, r.result.packets);
}

describe('oracles', () => {
  it('there is an independent oracle for every question, and no oracle without a question', () => {
    const keys = questions.map(({ lesson, step }) => keyOf(lesson.id, step.question!.id)).sort();
    expect(Object.keys(ORACLES).sort()).toEqual(keys);
  });
});

describe('stated answers match the trace', () => {
  for (const { lesson, step } of questions) {
    const q = step.question!;
    it(`${lesson.id}/${q.id}`, () => {
      const scenario = resolveScenarioRef(lesson.scenarios[step.scenario]);
      const ev = evaluateQuestion(q, view(scenario))!;
      const expected = ORACLES[keyOf(lesson.id, q.id)](run(scenario));
      expect(ev.answer).toBe(expected);
      // The player accepts exactly that answer (as typed, for numbers) and rejects others.
      expect(isCorrect(ev, typeof expected === 'number' ? String(expected) : expected)).toBe(true);
      if (ev.kind === 'choice') {
        for (const o of ev.options!.filter((x) => x.id !== expected)) expect(isCorrect(ev, o.id)).toBe(false);
        expect(ev.options!.filter((o) => o.id === expected)).toHaveLength(1);
      } else expect(isCorrect(ev, (expected as number) + ev.tolerance + 1)).toBe(false);
    });
  }
});

/** The user's changes on the stage: a slower network, and a new seed (other ISNs and ports). */
const VARIANTS: Record<string, (s: Scenario) => Scenario> = {
  'latency 23 ms': (s) => ({ ...s, network: { ...s.network, latency: 23 } }),
  'seed 4242': (s) => ({ ...s, seed: 4242 }),
};

describe('answers follow a changed network', () => {
  for (const [name, change] of Object.entries(VARIANTS)) {
    it(`${name}: every question that still applies gives the oracle's answer`, () => {
      let asked = 0;
      const changed: string[] = [];
      for (const { lesson, step } of questions) {
        const base = resolveScenarioRef(lesson.scenarios[step.scenario]);
        const s = change(structuredClone(base));
        const ev = evaluateQuestion(step.question!, view(s));
        if (!ev) continue;
        asked++;
        const key = keyOf(lesson.id, step.question!.id);
        expect(ev.answer, key).toBe(ORACLES[key](run(s)));
        if (ev.answer !== evaluateQuestion(step.question!, view(base))!.answer) changed.push(key);
      }
      // Nearly all still apply, and some answers really moved with the run (times, ISNs).
      expect(asked).toBeGreaterThan(questions.length * 0.9);
      // (A new seed moves the ISNs, so at least the handshake's two acknowledgement numbers.)
      expect(changed.length).toBeGreaterThanOrEqual(2);
    });
  }
});

describe('LESSONS', () => {
  it('all twelve are checked here', () => {
    expect(new Set(questions.map((q) => q.lesson.id)).size).toBe(LESSONS.length);
  });
});
