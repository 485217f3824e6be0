// The lesson index: the twelve lessons with the user's progress and score, a way in (start,
// continue, review), and resetting progress — one lesson's or all of it, after a confirmation.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider';
import { selectLessonActions, selectLocale, selectProgressTick } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { LESSONS, scoreOf, type Lesson } from '../../lessons';

function Confirm({ label, onConfirm }: { label: string; onConfirm(): void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" className="btn ghost small" onClick={() => setAsking(true)}>{label}</button>;
  return (
    <span className="confirm" role="group" aria-label={label}>
      <span>{t('lessons.resetConfirm')}</span>
      <button type="button" className="btn danger small" autoFocus onClick={() => { setAsking(false); onConfirm(); }}>{label}</button>
      <button type="button" className="btn small" onClick={() => setAsking(false)}>✕</button>
    </span>
  );
}

function LessonCard({ lesson }: { lesson: Lesson }) {
  const t = useT();
  const store = useAppStoreApi();
  const locale = useAppStore(selectLocale);
  useAppStore(selectProgressTick);
  const { openLesson, resetProgress } = useAppStore(useShallow(selectLessonActions));
  const p = store.getState().progress.get(lesson.id);
  const qs = lesson.steps.flatMap((s) => (s.question ? [s.question.id] : []));
  const score = scoreOf(p, lesson.steps.map((s) => s.id), qs);
  const firstUnseen = lesson.steps.findIndex((s) => !p.seen.includes(s.id));
  const started = score.seen > 0;
  const action = score.completed ? t('lessons.review') : started ? t('lessons.continue') : t('lessons.start');
  const titleId = `lesson-${lesson.id}-title`;
  return (
    <li className={`lesson-card${score.completed ? ' done' : ''}`} aria-labelledby={titleId} data-testid={`lesson-card-${lesson.id}`}>
      <p className="lesson-kicker">{t('lessons.number', { n: lesson.number })}{score.completed && <span className="badge">{t('lessons.done')}</span>}</p>
      <h2 id={titleId}>{lesson.title[locale]}</h2>
      <p className="lesson-summary">{lesson.summary[locale]}</p>
      <p className="lesson-terms"><span className="sr-only">{t('lessons.terms')}: </span>{lesson.terms.map((x) => (locale === 'zh-CN' ? x.zh : x.en)).join(' · ')}</p>
      <div className="lesson-meter" role="progressbar" aria-label={t('lessons.progressLabel', { n: lesson.number })}
        aria-valuemin={0} aria-valuemax={score.steps} aria-valuenow={score.seen} aria-valuetext={t('lessons.steps', { seen: score.seen, steps: score.steps })}>
        <span style={{ transform: `scaleX(${score.steps ? score.seen / score.steps : 0})` }} />
      </div>
      <p className="lesson-stats">
        {t('lessons.steps', { seen: score.seen, steps: score.steps })} · {t('lessons.score', { firstTry: score.firstTry, questions: score.questions })}
      </p>
      <div className="lesson-actions">
        <button type="button" className="btn primary" aria-describedby={titleId}
          onClick={() => openLesson(lesson.id, score.completed || firstUnseen < 0 ? 0 : firstUnseen)}>{action}</button>
        {started && <Confirm label={t('lessons.resetOne')} onConfirm={() => resetProgress(lesson.id)} />}
      </div>
    </li>
  );
}

export function LessonIndex() {
  const t = useT();
  const { resetProgress } = useAppStore(useShallow(selectLessonActions));
  const [done, setDone] = useState(false);
  return (
    <div className="page lessons-page" data-testid="lesson-index">
      <header className="page-head">
        <h1>{t('lessons.title')}</h1>
        <p>{t('lessons.intro')}</p>
        <div className="page-actions">
          <Confirm label={t('lessons.reset')} onConfirm={() => { resetProgress(); setDone(true); }} />
          <p role="status" className="muted">{done ? t('lessons.resetDone') : ''}</p>
        </div>
      </header>
      <ol className="lesson-grid">
        {LESSONS.map((l) => <LessonCard key={l.id} lesson={l} />)}
      </ol>
    </div>
  );
}
