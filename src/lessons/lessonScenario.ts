// A lesson's scenario references → validated scenarios, and the run the stage shows for a step.
// The scenario of a step is only where it starts: the stage may re-simulate it after the user
// changes the network, and the lesson then reads that trace instead (see TraceView).
import { builtinScenario } from '../scenarios/builtin';
import { lessonScenario } from '../scenarios/lessons';
import { parseScenario, type Scenario } from '../scenarios/schema';
import { simulate } from '../sim';
import { TraceView } from './traceView';
import type { L10n, Lesson, ScenarioRef } from './types';

export class LessonScenarioError extends Error {}

const resolved = new WeakMap<ScenarioRef, Scenario>();

/**
 * The scenario a reference names, validated; throws LessonScenarioError when it does not exist or
 * is invalid. The same reference gives the same (shared, not to be mutated) object.
 */
export function resolveScenarioRef(ref: ScenarioRef): Scenario {
  const known = resolved.get(ref);
  if (known) return known;
  let raw: Scenario | undefined;
  let name: string;
  if ('builtin' in ref) {
    raw = builtinScenario(ref.builtin);
    name = `built-in scenario "${ref.builtin}"`;
  } else if ('lesson' in ref) {
    raw = lessonScenario(ref.lesson);
    name = `lesson scenario "${ref.lesson}"`;
  } else {
    raw = ref.patch(structuredClone(resolveScenarioRef(ref.from)));
    name = `a variant (${ref.label.en})`;
  }
  if (!raw) throw new LessonScenarioError(`${name} does not exist`);
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new LessonScenarioError(`${name}: ${parsed.error.message}`);
  resolved.set(ref, parsed.scenario);
  return parsed.scenario;
}

/** The scenario of a lesson's step (by the step's `scenario` key). */
export function stepScenario(lesson: Lesson, key: string): Scenario {
  const ref = lesson.scenarios[key];
  if (!ref) throw new LessonScenarioError(`lesson ${lesson.id}: no scenario "${key}"`);
  return resolveScenarioRef(ref);
}

/** Where a reference comes from, for people: a built-in's or lesson scenario's title. */
export function scenarioTitle(ref: ScenarioRef): L10n {
  const s = resolveScenarioRef(ref);
  const base = typeof s.title === 'string' ? { en: s.title, 'zh-CN': s.title } : s.title ?? { en: '', 'zh-CN': '' };
  if ('from' in ref) return { en: `${base.en} (${ref.label.en})`, 'zh-CN': `${base['zh-CN']}（${ref.label['zh-CN']}）` };
  return base;
}

const cache = new WeakMap<Scenario, TraceView>();

/** Simulate a scenario once and keep the result for the steps that share it. */
export function runScenario(scenario: Scenario): TraceView {
  let v = cache.get(scenario);
  if (!v) {
    const r = simulate(scenario);
    v = new TraceView(scenario, r.trace, r.packets);
    cache.set(scenario, v);
  }
  return v;
}
