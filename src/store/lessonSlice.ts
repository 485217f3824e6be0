// Where the user is: the stage, the lesson index or the workbench; which lesson step is playing;
// what was answered in this visit; and the progress kept in the browser. The lessons themselves
// (data, simulation, questions) load with their views, not with the store.
import { ProgressStore, memoryStore, type KeyValueStore } from '../lessons/progress';
import type { LessonSlice, SliceCreator } from './types';

export interface LessonInit { progress?: KeyValueStore }

const answerKey = (lessonId: string, stepId: string) => `${lessonId}/${stepId}`;

export const createLessonSlice = (init: LessonInit = {}): SliceCreator<LessonSlice> => (set, get) => {
  const progress = new ProgressStore(init.progress ?? memoryStore());
  const tick = () => set({ progressTick: get().progressTick + 1 });
  return {
    mode: 'stage',
    lesson: null,
    answers: {},
    progress,
    progressTick: 0,
    lessonDetails: false,
    setLessonDetails: (lessonDetails) => set({ lessonDetails }),
    lessonFocus: null,
    setLessonFocus: (sock, record = -1) => {
      const f = get().lessonFocus;
      if (sock === null) { if (f) set({ lessonFocus: null }); } else if (f?.sock !== sock || f.record !== record) set({ lessonFocus: { sock, record } });
    },
    setMode: (mode) => set({ mode }),
    openLesson: (id, step = 0) => set({ mode: 'stage', lesson: { id, step } }),
    setLessonStep: (step) => {
      const l = get().lesson;
      if (l) set({ lesson: { id: l.id, step } });
    },
    closeLesson: () => set({ lesson: null, lessonFocus: null }),
    recordAnswer: (lessonId, stepId, questionId, given, correct) => {
      progress.answer(lessonId, questionId, correct);
      set({ answers: { ...get().answers, [answerKey(lessonId, stepId)]: { given, correct } } });
      tick();
    },
    markSeen: (lessonId, stepId) => {
      if (progress.get(lessonId).seen.includes(stepId)) return;
      progress.markSeen(lessonId, stepId);
      tick();
    },
    completeLesson: (lessonId) => {
      progress.complete(lessonId);
      tick();
    },
    resetProgress: (lessonId) => {
      progress.reset(lessonId);
      const answers = Object.fromEntries(Object.entries(get().answers).filter(([k]) => lessonId !== undefined && !k.startsWith(`${lessonId}/`)));
      set({ answers });
      tick();
    },
  };
};

export { answerKey };
