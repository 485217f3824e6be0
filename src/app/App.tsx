// The app shell: header, code | sequence diagram | side panel, narration and controls. In lecture
// mode only the stage, the narration and a thin progress line remain.
import { lazy, Suspense, useEffect, useState } from 'react';
import { LazyMotion, MotionConfig } from 'framer-motion';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import { selectBlank, selectHelp, selectLecture, selectLocale, selectTheme, selectCursor, selectLength, selectMode, selectLesson, selectLessonDetails, selectRealOpen } from '../store/selectors';
import { useT } from '../i18n/useT';
import type { CatalogEntry } from './catalog';
import { Header } from '../ui/shell/Header';
import { SidePanel } from '../ui/shell/SidePanel';
import { Notices } from '../ui/shell/Notices';
import { Narration } from '../ui/shell/Narration';
import { Controls } from '../ui/controls/Controls';
import { SequenceDiagram } from '../ui/stage/SequenceDiagram';
import { Icon } from '../ui/shell/Icon';
import { KeyboardHelp } from '../ui/shell/KeyboardHelp';
import { useKeyboard } from './useKeyboard';
import { useLecture } from './useLecture';
import { useShareSync } from './useShareSync';
import { usePlayback } from './usePlayback';
import { useFileDrop } from './useFileDrop';

// The code generator is big and the diagram comes first: the code panel loads right after.
const CodePanel = lazy(() => import('../ui/code/CodePanel').then((m) => ({ default: m.CodePanel })));
// Real mode takes the code column's place; it is only loaded when someone opens it.
const RealPanel = lazy(() => import('../ui/real/RealPanel').then((m) => ({ default: m.RealPanel })));

// Lessons and the workbench load when first opened: they bring the simulator and the schema along.
const LessonPanel = lazy(() => import('../ui/lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));
const LessonIndex = lazy(() => import('../ui/lessons/LessonIndex').then((m) => ({ default: m.LessonIndex })));
const Workbench = lazy(() => import('../ui/workbench/Workbench').then((m) => ({ default: m.Workbench })));

const loadFeatures = () => import('./motionFeatures').then((m) => m.default);

function useWide(query: string): boolean {
  const get = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  const [wide, setWide] = useState(get);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return wide;
}

export function App({ catalog }: { catalog: CatalogEntry[] }) {
  const t = useT();
  const store = useAppStoreApi();
  const lecture = useAppStore(selectLecture);
  const blank = useAppStore(selectBlank);
  const help = useAppStore(selectHelp);
  const theme = useAppStore(selectTheme);
  const locale = useAppStore(selectLocale);
  const cursor = useAppStore(selectCursor);
  const length = useAppStore(selectLength);
  const mode = useAppStore(selectMode);
  const lesson = useAppStore(selectLesson);
  const details = useAppStore(selectLessonDetails);
  const toggleLecture = useLecture(store);
  useKeyboard(store, toggleLecture);
  useShareSync(store);
  usePlayback(store);
  const dragging = useFileDrop(store);
  const wide = useWide('(min-width: 1180px)');
  const realOpen = useAppStore(selectRealOpen);
  const codeOrReal = <Suspense fallback={null}>{realOpen ? <RealPanel /> : <CodePanel />}</Suspense>;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = locale;
    document.title = `${t('app.title')} — ${t('app.tagline')}`;
  }, [theme, locale, t]);

  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={loadFeatures} strict>
        <div className={`app${lecture ? ' lecture' : ''}${wide ? ' wide' : ' narrow'}${mode !== 'stage' ? ' paged' : ''}${lesson && mode === 'stage' ? ' in-lesson' : ''}`}>
          <a className="skip" href="#stage">{t('app.skip')}</a>
          {!lecture && <Header catalog={catalog} onLecture={toggleLecture} />}
          {mode === 'lessons' && (
            <main className="page-main" id="stage"><Suspense fallback={<p className="muted page-loading">{t('lessons.loading')}</p>}><LessonIndex /></Suspense></main>
          )}
          {mode === 'workbench' && (
            <main className="page-main" id="stage"><Suspense fallback={<p className="muted page-loading">{t('app.loading')}</p>}><Workbench catalog={catalog} /></Suspense></main>
          )}
          {mode === 'stage' && (
            <>
              <main className="stage-grid">
                {!lecture && wide && (
                  <section className="code-col" aria-label={t(realOpen ? 'real.title' : 'panel.code')}>
                    {codeOrReal}
                  </section>
                )}
                <section className="diagram-col" id="stage" aria-label={t('panel.sequence')}>
                  <SequenceDiagram />
                </section>
                {!lecture && !lesson && <SidePanel code={wide ? undefined : codeOrReal} codeLabel={realOpen ? 'panel.real' : 'panel.code'} />}
                {!lecture && lesson && (
                  <div className={`side-stack${details ? ' with-details' : ''}`}>
                    <Suspense fallback={<p className="muted">{t('lesson.loading')}</p>}><LessonPanel wide={wide} /></Suspense>
                    {details && <SidePanel code={wide ? undefined : <Suspense fallback={null}><CodePanel /></Suspense>} />}
                  </div>
                )}
              </main>
              <footer className="bottombar">
                <Narration />
                {!lecture && <Controls />}
                {lecture && (
                  <div className="lecture-bar">
                    <div className="lecture-progress" aria-hidden="true"><span style={{ transform: `scaleX(${length ? cursor / length : 0})` }} /></div>
                    <span className="lecture-hint">{t('lecture.hint')}</span>
                    <button type="button" className="btn ghost" onClick={toggleLecture}><Icon name="close" /> {t('header.lecture.exit')}</button>
                  </div>
                )}
              </footer>
            </>
          )}
          <Notices />
          {help && <KeyboardHelp onClose={() => store.getState().setHelp(false)} />}
          {dragging && <div className="drop-overlay" aria-hidden="true"><p>{t('header.drop')}</p></div>}
          {blank && (
            <div className="blank" role="status" aria-label={t('lecture.blank')} onClick={() => store.getState().toggleBlank()}>
              <span>{t('lecture.blank')}</span>
            </div>
          )}
        </div>
      </LazyMotion>
    </MotionConfig>
  );
}
