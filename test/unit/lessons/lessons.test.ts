// The lessons as the stage plays them: twelve, in order, each step's scenario valid and run to its
// end, each anchor found in the trace, each narration and question resolvable on the run.
import { describe, expect, it } from 'vitest';
import { LESSONS, prepareStep, resolveAnchor, resolveScenarioRef } from '../../../src/lessons';
import { parseScenario } from '../../../src/scenarios/schema';
import { LESSON_SCENARIOS } from '../../../src/scenarios/lessons';
import { buildSteps, stepOfRecord } from '../../../src/timeline/buildSteps';
import { encodePacket, packetFields } from '../../../src/sim/pcap';
import type { LessonStep } from '../../../src/lessons';
import { lessonRun, allSteps, run } from './lessonRuns';

/** A prediction: asked before its moment (`before`) or answered by what a later moment shows (`reveal`). */
const isPrediction = (s: LessonStep) => s.question !== undefined && (s.anchor.before === true || s.reveal !== undefined);

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

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: mixes a prediction, a multiple-choice and a numeric question', (_, lesson) => {
    const steps = lesson.steps.filter((s) => s.question);
    expect(steps.filter(isPrediction).map((s) => s.id), 'predictions').not.toEqual([]);
    expect(steps.filter((s) => s.question!.kind === 'choice').map((s) => s.id), 'multiple choice').not.toEqual([]);
    expect(steps.filter((s) => s.question!.kind === 'number').map((s) => s.id), 'numeric').not.toEqual([]);
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

/** The last trace record on screen when the stage's cursor is at `anchor` (src/ui/lessons/useLessonPlayer.ts, cursorFor). */
function shownUpTo(trace: Parameters<typeof buildSteps>[0], anchor: LessonStep['anchor']): number {
  const steps = buildSteps(trace);
  const pos = resolveAnchor(anchor, trace)!;
  const s = stepOfRecord(steps, pos.index);
  const cursor = pos.before ? s : s + 1;
  return cursor > 0 ? steps[cursor - 1].last : -1;
}

describe('predictions do not show their answer', () => {
  // The stage's cursor is the number of timeline steps applied: the step holding the anchored
  // record, applied unless `before`. Everything up to the last record of the last applied step is
  // on screen — including the timers it set, which the timer strip draws with their durations.
  for (const { lesson, step } of allSteps().filter((x) => isPrediction(x.step))) {
    it(`${lesson.id}/${step.id}: the revealing record lies after the cursor`, () => {
      const { trace } = lessonRun(lesson, step.scenario);
      const shown = shownUpTo(trace, step.anchor);
      const reveal = resolveAnchor(step.reveal ?? { ...step.anchor, before: false }, trace)!;
      expect(reveal.index, 'the reveal is not applied at the cursor').toBeGreaterThan(shown);
      if (step.question!.kind !== 'number' || step.question!.unit?.en !== 'ms') return;
      // A question about a time: no timer on screen may already say when the revealing moment comes.
      const revealAt = trace[reveal.index].t;
      for (let i = 0; i <= shown; i++) {
        const r = trace[i];
        if (r.type !== 'timer' || r.event !== 'set') continue;
        const next = trace.slice(i + 1).find((x) => x.type === 'timer' && x.sid === r.sid && x.timer === r.timer);
        const nextIndex = next ? trace.indexOf(next) : Infinity;
        if (nextIndex <= shown) continue; // fired or cancelled before the cursor: no longer pending
        const firesAtReveal = next?.type === 'timer' && next.event === 'fire' && next.t === revealAt;
        expect(firesAtReveal, `the ${r.timer} timer set at ${r.t} ms is on screen and fires at the reveal (${revealAt} ms)`).toBe(false);
      }
    });
  }

  for (const { lesson, step, index } of allSteps().filter((x) => x.step.question?.kind === 'number' && (x.step.view === 'layers' || x.step.view === 'encapsulation'))) {
    it(`${lesson.id}/${step.id}: the layers figure beside the question does not print its answer`, () => {
      const { trace, result } = lessonRun(lesson, step.scenario);
      const shown = shownUpTo(trace, step.anchor);
      // The figure measures the last packet sent up to the cursor (src/ui/lessons/LayersFigure.tsx).
      const last = trace.slice(0, shown + 1).reverse()
        .find((r): r is Extract<typeof r, { type: 'segment' | 'datagram' }> => (r.type === 'segment' || r.type === 'datagram') && r.event === 'send');
      if (!last) return;
      const f = packetFields(encodePacket(result.packets.get(last.id)!));
      const num = (k: string) => Number(f.find((x) => x.key === k)?.value ?? 0);
      const total = num('ip.totalLength');
      const l4 = last.type === 'segment' ? num('tcp.dataOffset') : 8;
      const printed = [num('ip.headerLength'), l4, total - num('ip.headerLength') - l4, total, total + 18];
      expect(printed).not.toContain(prepareStep(lesson, index).question!.answer);
    });
  }
});
