// One step of a lesson, ready for the stage: the scenario to load, where the cursor goes, the
// narration and the question with its answer — all computed from the run on screen. The stage
// passes its own run when the user has changed the network; the step then reads that trace.
import type { Scenario } from '../scenarios/schema';
import { resolveAnchor, type AnchorPosition } from './anchors';
import { runScenario, stepScenario } from './lessonScenario';
import { evaluateQuestion, resolveText, type EvaluatedQuestion } from './questions';
import type { TraceView } from './traceView';
import type { L10n, Lesson, LessonStep } from './types';

export interface PreparedStep {
  lesson: Lesson;
  index: number;
  step: LessonStep;
  /** The scenario as the lesson ships it (what the stage loads when it arrives at this step). */
  scenario: Scenario;
  run: TraceView;
  /** Where the cursor goes; null when this run has no such moment. */
  position: AnchorPosition | null;
  /** Where it goes once the question is answered. */
  reveal: AnchorPosition | null;
  /** null when the text cites a value this run does not have. */
  narration: L10n | null;
  /** null when there is none, or this run cannot answer it. */
  question: EvaluatedQuestion | null;
}

/** Prepare step `index` of `lesson`, on `run` (default: the lesson's own scenario, simulated). */
export function prepareStep(lesson: Lesson, index: number, run?: TraceView): PreparedStep {
  const step = lesson.steps[index];
  if (!step) throw new RangeError(`lesson ${lesson.id} has no step ${index}`);
  const scenario = stepScenario(lesson, step.scenario);
  const v = run ?? runScenario(scenario);
  const position = resolveAnchor(step.anchor, v.trace);
  const reveal = resolveAnchor(step.reveal ?? { ...step.anchor, before: false }, v.trace);
  return {
    lesson, index, step, scenario, run: v, position, reveal,
    narration: resolveText(step.narration, v),
    question: step.question ? evaluateQuestion(step.question, v) : null,
  };
}

/** Whether two steps show the same scenario (the stage can keep its run and only move the cursor). */
export function sameScenario(lesson: Lesson, a: number, b: number): boolean {
  return lesson.steps[a]?.scenario === lesson.steps[b]?.scenario;
}
