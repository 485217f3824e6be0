// The lesson player beside the stage: which lesson and step, the narration of the step, its
// question, and the way to the previous and next step — laid out to fit a 1280×720 projector
// without scrolling. The view a step brings forward is not squeezed into it: a side-panel tab
// (state machine, sockets) or a figure (layers, charts, threads) is a sibling the stage grid
// places in the first column (docs/lessons.md, "In the app").
import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider';
import { selectAnswers, selectLessonActions, selectLessonDetails, selectLocale, selectPanel, selectSettingsActions, selectTimeline } from '../../store/selectors';
import { socketOfRecord } from '../../timeline';
import { useT } from '../../i18n/useT';
import { describeAnchor } from '../../lessons';
import { answerKey } from '../../store/lessonSlice';
import type { StepView } from '../../lessons';
import type { SidePanel } from '../../store/types';
import type { MessageKey } from '../../i18n/en';
import { useLessonPlayer } from './useLessonPlayer';
import { QuestionCard } from './QuestionCard';
import { StepFigure } from './StepFigure';
import { Icon } from '../shell/Icon';

/** Views that are a tab of the side panel. */
const PANEL_OF: Partial<Record<StepView, SidePanel>> = { 'state-machine': 'state', buffers: 'sockets', code: 'code' };
/** Views drawn as a figure of the lesson, with their titles. */
const FIGURES: Partial<Record<StepView, MessageKey>> = {
  layers: 'lesson.view.layers', encapsulation: 'lesson.view.encapsulation', cwnd: 'lesson.view.cwnd', stevens: 'lesson.view.stevens', threads: 'lesson.view.threads',
};

export function LessonPanel({ wide }: { wide: boolean }) {
  const t = useT();
  const store = useAppStoreApi();
  const locale = useAppStore(selectLocale);
  const answers = useAppStore(selectAnswers);
  const actions = useAppStore(useShallow(selectLessonActions));
  const { setPanel } = useAppStore(useShallow(selectSettingsActions));
  const details = useAppStore(selectLessonDetails);
  const panel = useAppStore(selectPanel);
  const { state, seekTo, reload } = useLessonPlayer();
  const { lesson, step, index } = state;
  const heading = useRef<HTMLHeadingElement>(null);
  const [figureOpen, setFigureOpen] = useState(true);
  const figureId = useId();

  // Bring the step's view forward (the code has its own column on wide screens); a step that needs
  // no side panel leaves the lesson the whole column.
  useEffect(() => {
    const panel = step?.view ? PANEL_OF[step.view] : undefined;
    const show = panel !== undefined && !(panel === 'code' && wide);
    if (show) setPanel(panel);
    store.getState().setLessonDetails(show);
  }, [step, wide, setPanel, store]);

  // The socket the step is about, marked (and scrolled to) by the tab the step brought forward.
  const tab = step?.view ? PANEL_OF[step.view] : undefined;
  const tl = useAppStore(selectTimeline);
  const record = state.position?.index ?? -1;
  const focusSock = tl && details && tab === panel && (tab === 'state' || tab === 'sockets') && record >= 0 ? socketOfRecord(tl, record) : -1;
  useEffect(() => {
    store.getState().setLessonFocus(focusSock >= 0 ? focusSock : null, record);
  }, [focusSock, record, store]);
  useEffect(() => () => store.getState().setLessonFocus(null), [store]);

  // Moving to another step puts the focus on its heading, so screen readers read the new step.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    heading.current?.focus();
  }, [index]);

  if (state.status === 'notfound' || !lesson) {
    return (
      <section className="lesson-panel" aria-label={t('lesson.region')}>
        <p>{t('lesson.notFound', { id: store.getState().lesson?.id ?? '' })}</p>
        <button type="button" className="btn" onClick={() => { actions.closeLesson(); actions.setMode('lessons'); }}>{t('lesson.index')}</button>
      </section>
    );
  }
  const total = lesson.steps.length;
  const last = index === total - 1;
  const prev = answers[step ? answerKey(lesson.id, step.id) : ''];
  const prediction = step?.anchor.before === true || step?.reveal !== undefined;
  const go = (i: number) => actions.setLessonStep(Math.max(0, Math.min(total - 1, i)));
  const finish = () => {
    actions.completeLesson(lesson.id);
    actions.closeLesson();
    actions.setMode('lessons');
    store.getState().notify({ kind: 'info', key: 'lesson.finished' });
  };

  const figureTitle = step?.view ? FIGURES[step.view] : undefined;
  const figure = step?.view && figureTitle && state.view && state.status !== 'loading' && state.status !== 'error' ? (
    <aside className={`lesson-figure${figureOpen ? '' : ' closed'}`} aria-label={t(figureTitle)} data-testid="lesson-figure">
      {/* Folding the figure gives its room back to the code under it. */}
      <button type="button" className="figure-toggle" aria-expanded={figureOpen} aria-controls={figureId} onClick={() => setFigureOpen(!figureOpen)}>
        <span aria-hidden="true">{figureOpen ? '▾' : '▸'}</span> {t(figureTitle)}
      </button>
      <div id={figureId} hidden={!figureOpen}>{figureOpen && <StepFigure view={step.view} run={state.view} />}</div>
    </aside>
  ) : null;

  return (
    <>
    <section className="lesson-panel" aria-label={t('lesson.region')} data-testid="lesson-panel">
      <header className="lesson-head">
        <button type="button" className="btn ghost small" onClick={() => { actions.closeLesson(); actions.setMode('lessons'); }}>← {t('lesson.index')}</button>
        {step && state.position && (
          <button type="button" className="link small" onClick={() => seekTo(state.position)}
            title={t('lesson.cursorAt', { where: describeAnchor(step.anchor)[locale] })}>{t('lesson.goThere')}</button>
        )}
        <button type="button" className="icon-btn small" onClick={() => actions.closeLesson()} aria-label={t('lesson.close')} title={t('lesson.close')}><Icon name="close" /></button>
      </header>
      <div className="lesson-meta">
        <p className="lesson-title" title={lesson.title[locale]}>{t('lessons.number', { n: lesson.number })} · {lesson.title[locale]}</p>
        <h2 className="lesson-step-title" ref={heading} tabIndex={-1} data-testid="lesson-step">{t('lesson.stepOf', { n: index + 1, total })}</h2>
      </div>
      <div className="lesson-steps" aria-hidden="true">
        {lesson.steps.map((s, i) => <span key={s.id} className={i === index ? 'on' : i < index ? 'past' : ''} />)}
      </div>
      <div className="lesson-body">
        {state.status === 'loading' && <p className="muted" role="status">{t('lesson.loading')}</p>}
        {state.status === 'error' && <p className="field-error" role="alert">{t('error.simulate', { detail: '' })}</p>}
        {state.status !== 'loading' && state.status !== 'error' && (
          <>
            {state.changed && (
              <p className="lesson-note">{t('lesson.changed')} <button type="button" className="link" onClick={reload}>{t('lesson.reload')}</button></p>
            )}
            {state.status === 'missing' && (
              <p className="lesson-note warn" role="alert">{t('lesson.missing')} <button type="button" className="link" onClick={reload}>{t('lesson.reload')}</button></p>
            )}
            {state.narration && <p className="lesson-narration" data-testid="lesson-narration">{state.narration[locale]}</p>}
            {step?.question && state.question && (
              <QuestionCard key={`${lesson.id}/${step.id}/${state.question.answer}`} question={state.question} locale={locale}
                prediction={prediction} previous={prev}
                onAnswer={(given, correct) => {
                  actions.recordAnswer(lesson.id, step.id, step.question!.id, given, correct);
                  // A prediction's moment comes after the question: show it now.
                  if (prediction) seekTo(state.reveal);
                }} />
            )}
            {step?.question && !state.question && <p className="lesson-note">{t('question.unavailable')}</p>}
          </>
        )}
      </div>
      <nav className="lesson-nav" aria-label={t('lesson.region')}>
        <button type="button" className="btn" onClick={() => go(index - 1)} disabled={index === 0}>{t('lesson.prev')}</button>
        <button type="button" className="btn ghost small" aria-pressed={details} onClick={() => store.getState().setLessonDetails(!details)}>{t('lesson.details')}</button>
        {last
          ? <button type="button" className="btn primary" onClick={finish}>{t('lesson.finish')}</button>
          : <button type="button" className="btn primary" onClick={() => go(index + 1)}>{t('lesson.next')}</button>}
      </nav>
    </section>
    {figure}
    </>
  );
}
