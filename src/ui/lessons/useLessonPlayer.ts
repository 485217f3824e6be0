// Plays the lesson step the store points at: loads its scenario on the stage (unless that run is
// already there, perhaps changed by the user), moves the cursor to the step's anchor, and reads the
// narration and the question from the run on screen — so answers stay right after a change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider';
import { selectLesson, selectRun, selectScenario, selectScenarioKey } from '../../store/selectors';
import type { AppStore } from '../../store/createAppStore';
import { stepOfRecord } from '../../timeline';
import {
  evaluateQuestion, lessonById, resolveAnchor, resolveText, stepScenario, TraceView,
  type AnchorPosition, type EvaluatedQuestion, type L10n, type Lesson, type LessonStep,
} from '../../lessons';

export type PlayerStatus = 'loading' | 'ready' | 'missing' | 'error' | 'notfound';

export interface PlayerState {
  status: PlayerStatus;
  lesson: Lesson | null;
  index: number;
  step: LessonStep | null;
  narration: L10n | null;
  question: EvaluatedQuestion | null;
  position: AnchorPosition | null;
  reveal: AnchorPosition | null;
  /** The run on screen is not the lesson's own (the user changed the scenario). */
  changed: boolean;
  view: TraceView | null;
}

export const lessonKey = (lessonId: string, scenarioKey: string) => `lesson:${lessonId}:${scenarioKey}`;

/** The cursor (steps applied) that shows an anchored record: its step applied, or not yet. */
export function cursorFor(store: AppStore, pos: AnchorPosition): number {
  const steps = store.getState().run?.timeline.steps ?? [];
  const s = stepOfRecord(steps, pos.index);
  if (s < 0) return 0;
  return pos.before ? s : s + 1;
}

export function useLessonPlayer() {
  const store = useAppStoreApi();
  const ref = useAppStore(selectLesson);
  const run = useAppStore(selectRun);
  const scenario = useAppStore(selectScenario);
  const key = useAppStore(selectScenarioKey);
  const [loading, setLoading] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const lesson = ref ? lessonById(ref.id) ?? null : null;
  const step = lesson && ref ? lesson.steps[ref.step] ?? null : null;
  const wantKey = lesson && step ? lessonKey(lesson.id, step.scenario) : null;
  const shipped = useMemo(() => (lesson && step ? stepScenario(lesson, step.scenario) : null), [lesson, step]);
  const placed = useRef<string | null>(null);

  // Load the step's scenario when the stage shows another one, then place the cursor once.
  useEffect(() => {
    if (!lesson || !step || !wantKey || !shipped || !ref) return;
    const stepId = `${lesson.id}/${step.id}`;
    let cancelled = false;
    const place = () => {
      const s = store.getState();
      if (!s.run || cancelled) return;
      const pos = resolveAnchor(step.anchor, s.run.trace);
      if (pos) {
        s.pause();
        s.seek(cursorFor(store, pos));
      }
      placed.current = stepId;
      s.markSeen(lesson.id, step.id);
    };
    setFailed(false);
    if (store.getState().scenarioKey !== wantKey || !store.getState().run) {
      setLoading(wantKey);
      void store.getState().setScenario(shipped, { key: wantKey, cursor: 'start' }).then((ok) => {
        if (cancelled) return;
        setLoading(null);
        if (!ok) setFailed(true);
        else place();
      });
    } else if (placed.current !== stepId) place();
    return () => { cancelled = true; };
  }, [lesson, step, wantKey, shipped, ref, store]);

  const view = useMemo(() => (run && scenario && key === wantKey ? new TraceView(scenario, run.trace, run.packets) : null), [run, scenario, key, wantKey]);

  const state: PlayerState = useMemo(() => {
    const base = { lesson, index: ref?.step ?? 0, step, changed: false, view } as const;
    if (ref && !lesson) return { ...base, status: 'notfound', narration: null, question: null, position: null, reveal: null };
    if (failed) return { ...base, status: 'error', narration: null, question: null, position: null, reveal: null };
    if (!step || !view || loading !== null) return { ...base, status: 'loading', narration: null, question: null, position: null, reveal: null };
    const position = resolveAnchor(step.anchor, view.trace);
    return {
      ...base,
      status: position ? 'ready' : 'missing',
      changed: scenario !== shipped,
      narration: resolveText(step.narration, view),
      question: step.question ? evaluateQuestion(step.question, view) : null,
      position,
      reveal: resolveAnchor(step.reveal ?? { ...step.anchor, before: false }, view.trace),
    };
  }, [lesson, ref, step, view, loading, failed, scenario, shipped]);

  const seekTo = useCallback((pos: AnchorPosition | null) => {
    if (!pos) return;
    store.getState().pause();
    store.getState().seek(cursorFor(store, pos));
  }, [store]);

  /** Load the lesson's own scenario again (after the user changed it). */
  const reload = useCallback(() => {
    if (!shipped || !wantKey || !lesson || !step) return;
    placed.current = null;
    setLoading(wantKey);
    void store.getState().setScenario(shipped, { key: wantKey, cursor: 'start' }).then((ok) => {
      setLoading(null);
      if (!ok) { setFailed(true); return; }
      const pos = resolveAnchor(step.anchor, store.getState().run?.trace ?? []);
      if (pos) store.getState().seek(cursorFor(store, pos));
      placed.current = `${lesson.id}/${step.id}`;
    });
  }, [shipped, wantKey, lesson, step, store]);

  return { state, seekTo, reload };
}
