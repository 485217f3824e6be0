// Progress and scores, kept in the browser: how far the user got in each lesson and what they
// answered. Storage is a small interface so that tests (and a browser without localStorage, or
// with it full or forbidden) use memory instead; a damaged stored value starts afresh.

/** The little of localStorage that progress needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

/** localStorage when the browser lets us use it, else memory (private mode, sandboxed frames). */
export function browserStore(): KeyValueStore {
  try {
    const ls = globalThis.localStorage;
    const probe = '__socketlab_probe__';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    return memoryStore();
  }
}

export interface AnswerRecord {
  /** Answered right eventually. */
  correct: boolean;
  /** Answered right on the first try (what the score counts). */
  firstTry: boolean;
  attempts: number;
}

export interface LessonProgress {
  /** Steps seen (ids). */
  seen: string[];
  answers: Record<string, AnswerRecord>;
  completed: boolean;
}

export type ProgressData = Record<string, LessonProgress>;

export const PROGRESS_KEY = 'socketlab.lessons.progress.v1';

const empty = (): LessonProgress => ({ seen: [], answers: {}, completed: false });

function sane(x: unknown): ProgressData {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: ProgressData = {};
  for (const [id, p] of Object.entries(x as Record<string, unknown>)) {
    if (typeof p !== 'object' || p === null) continue;
    const q = p as Partial<LessonProgress>;
    const answers: Record<string, AnswerRecord> = {};
    for (const [qid, a] of Object.entries(typeof q.answers === 'object' && q.answers ? q.answers : {})) {
      const r = a as Partial<AnswerRecord>;
      if (typeof r.correct === 'boolean' && typeof r.firstTry === 'boolean' && typeof r.attempts === 'number') answers[qid] = { correct: r.correct, firstTry: r.firstTry, attempts: r.attempts };
    }
    out[id] = {
      seen: Array.isArray(q.seen) ? q.seen.filter((s): s is string => typeof s === 'string') : [],
      answers,
      completed: q.completed === true,
    };
  }
  return out;
}

function readJson(store: KeyValueStore): unknown {
  try {
    return JSON.parse(store.getItem(PROGRESS_KEY) ?? '{}');
  } catch {
    return {};
  }
}

export class ProgressStore {
  private data: ProgressData;

  constructor(private readonly store: KeyValueStore = memoryStore()) {
    this.data = sane(readJson(store));
  }

  get(lessonId: string): LessonProgress {
    return this.data[lessonId] ?? empty();
  }

  all(): ProgressData {
    return this.data;
  }

  markSeen(lessonId: string, stepId: string): void {
    const p = this.edit(lessonId);
    if (!p.seen.includes(stepId)) p.seen.push(stepId);
    this.save();
  }

  /** Record an attempt; the first one decides the score, later ones only whether it was found. */
  answer(lessonId: string, questionId: string, correct: boolean): AnswerRecord {
    const p = this.edit(lessonId);
    const prev = p.answers[questionId];
    const next: AnswerRecord = prev
      ? { correct: prev.correct || correct, firstTry: prev.firstTry, attempts: prev.attempts + 1 }
      : { correct, firstTry: correct, attempts: 1 };
    p.answers[questionId] = next;
    this.save();
    return next;
  }

  complete(lessonId: string): void {
    this.edit(lessonId).completed = true;
    this.save();
  }

  /** Forget one lesson, or everything. */
  reset(lessonId?: string): void {
    if (lessonId === undefined) this.data = {};
    else delete this.data[lessonId];
    this.save();
  }

  private edit(lessonId: string): LessonProgress {
    return (this.data[lessonId] ??= empty());
  }

  private save(): void {
    try {
      this.store.setItem(PROGRESS_KEY, JSON.stringify(this.data));
    } catch {
      // Storage full or forbidden: progress lives on in memory for this visit.
    }
  }
}

export interface LessonScore {
  seen: number;
  steps: number;
  answered: number;
  firstTry: number;
  questions: number;
  completed: boolean;
}

/** A lesson's progress against its size (steps, questions). */
export function scoreOf(p: LessonProgress, stepIds: readonly string[], questionIds: readonly string[]): LessonScore {
  return {
    seen: stepIds.filter((s) => p.seen.includes(s)).length,
    steps: stepIds.length,
    answered: questionIds.filter((q) => p.answers[q]?.correct).length,
    firstTry: questionIds.filter((q) => p.answers[q]?.firstTry).length,
    questions: questionIds.length,
    completed: p.completed,
  };
}
