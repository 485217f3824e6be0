// Questions as the player shows them: prompt, options and the right answer computed from the run
// on screen, and the check of what the user gave. A question whose answer the run does not
// contain (the user changed the network so the moment never happens) is not asked.
import type { ChoiceOption, L10n, LessonText, Question } from './types';
import type { TraceView} from './traceView';
import { Unresolved } from './traceView';

export interface EvaluatedQuestion {
  id: string;
  kind: Question['kind'];
  prompt: L10n;
  /** For choice questions. */
  options?: ChoiceOption[];
  unit?: L10n;
  /** The option id (choice) or the number (number). */
  answer: string | number;
  tolerance: number;
  explanation: L10n;
}

/** A text of the lesson for this run; null when it cites a value the run does not have. */
export function resolveText(t: LessonText, v: TraceView): L10n | null {
  if (typeof t !== 'function') return t;
  try {
    return t(v);
  } catch (e) {
    if (e instanceof Unresolved) return null;
    throw e;
  }
}

export function evaluateQuestion(q: Question, v: TraceView): EvaluatedQuestion | null {
  try {
    const prompt = typeof q.prompt === 'function' ? q.prompt(v) : q.prompt;
    const explanation = q.explain(v);
    if (q.kind === 'choice') {
      const options = typeof q.options === 'function' ? q.options(v) : q.options;
      const answer = q.answer(v);
      if (!options.some((o) => o.id === answer)) return null;
      return { id: q.id, kind: 'choice', prompt, options, answer, tolerance: 0, explanation };
    }
    const answer = q.answer(v);
    if (!Number.isFinite(answer)) return null;
    return { id: q.id, kind: 'number', prompt, unit: q.unit, answer, tolerance: q.tolerance ?? 0, explanation };
  } catch (e) {
    if (e instanceof Unresolved) return null;
    throw e;
  }
}

/** What the user typed for a number question, or null when it is not a number. */
export function parseNumberAnswer(text: string): number | null {
  const t = text.trim().replace(/[,\s_]/g, '').replace(/^\+/, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function isCorrect(q: EvaluatedQuestion, given: string | number): boolean {
  if (q.kind === 'choice') return given === q.answer;
  const n = typeof given === 'number' ? given : parseNumberAnswer(given);
  return n !== null && Math.abs(n - (q.answer as number)) <= q.tolerance;
}

/** The right answer as people read it (an option's label, or the number with its unit). */
export function answerText(q: EvaluatedQuestion): L10n {
  if (q.kind === 'choice') {
    const o = q.options!.find((x) => x.id === q.answer)!;
    return o.label;
  }
  const n = String(q.answer);
  return { en: q.unit ? `${n} ${q.unit.en}` : n, 'zh-CN': q.unit ? `${n} ${q.unit['zh-CN']}` : n };
}
