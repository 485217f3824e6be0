// One code listing per program, with the line of the call in progress highlighted, and a status
// line saying whether it blocks (and for what), what it returned, or the errno it failed with.
import { Fragment, useLayoutEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectScenario, selectView, selectCodeLang, selectLocale, selectSettingsActions, selectRun } from '../../store/selectors';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import { programName } from '../../i18n/programNames';
import type { MessageKey } from '../../i18n/en';
import type { ProgramView } from '../../timeline';
import { isRecvResult } from '../../sim/trace/records';
import type { CodeLang } from '../../store/types';
import { processRoots, programCode, type ProgramCode } from './programCode';
import { lineBreaks, splitIndent } from './codeLines';
import { SessionCalls } from '../real/SessionCalls';
import { LANGUAGES } from '../../codegen';
import type { Translate } from '../../i18n/i18n';

const LANGS: Array<{ id: CodeLang; name: string }> = LANGUAGES.map((l) => ({ id: l.id, name: l.id === 'javascript' ? 'Node.js' : l.name }));

function status(t: Translate, p: ProgramView | undefined): { text: string; cls: string } {
  if (!p || p.status === 'waiting') return { text: t('code.notStarted'), cls: 'idle' };
  if (p.status === 'blocked' && p.block) return { text: `${p.block.op}() — ${t('code.waiting', { what: t(`wait.${p.block.waitingFor}` as MessageKey) })}`, cls: 'blocked' };
  if (p.status === 'stopped') return { text: t('code.stopped', { step: (p.lastReturn?.step ?? 0) + 1 }), cls: 'error' };
  const r = p.lastReturn;
  if (r && p.returnedNow) {
    if (r.error) return { text: `${r.op}() — ${t('code.failed', { errno: r.error })}`, cls: 'error' };
    const v = typeof r.result === 'number' ? r.result : isRecvResult(r.result) ? r.result.bytes : r.result ? r.result.ready.join(', ') : 0;
    return { text: `${r.op}() — ${t('code.returned', { value: v })}`, cls: 'returned' };
  }
  if (p.status === 'ended') return { text: t('code.ended'), cls: 'idle' };
  if (p.call) return { text: `${p.call.op}()`, cls: 'running' };
  return { text: '', cls: 'idle' };
}

/** The box that scrolls the listing: its own box in the code column, the tab's panel in the side panel. */
function scroller(line: HTMLElement): HTMLElement | null {
  for (let el = line.parentElement; el; el = el.parentElement) {
    const o = getComputedStyle(el).overflowY;
    if ((o === 'auto' || o === 'scroll') && el.scrollHeight > el.clientHeight + 1) return el;
    if (el.classList.contains('tabpanel') || el.classList.contains('code-col')) return null;
  }
  return null;
}

/**
 * Keep the highlighted line in view with a line of context around it, by scrolling the listing's
 * scroll box only (never the page: the layout must not move while stepping).
 */
export function keepLineInView(line: HTMLElement) {
  const box = scroller(line);
  if (!box) return;
  const r = line.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  if (b.height === 0) return;
  const context = Math.min(22, Math.max(0, (b.height - r.height) / 2));
  if (r.top < b.top + context || r.height > b.height) box.scrollTop += r.top - b.top - context;
  else if (r.bottom > b.bottom - context) box.scrollTop += r.bottom - b.bottom + context;
}

/**
 * One listing. Long lines wrap (a student must be able to read the whole call), continuing with
 * a hanging indent under their first character, so the line numbers still mark where each
 * source line starts.
 */
function Listing({ code, activeAt }: { code: ProgramCode; activeAt: ReadonlyMap<number, string> }) {
  const box = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => code.lines.map((line, n) => splitIndent(line, code.tokens?.[n])), [code]);
  // Several threads of one process may each have a line highlighted: keep the first in view.
  const first = activeAt.size ? Math.min(...activeAt.keys()) : -1;
  useLayoutEffect(() => {
    const el = first >= 0 ? box.current?.querySelectorAll<HTMLElement>('ol.code > li')[first] : undefined;
    if (el) keepLineInView(el);
  }, [first, code]);
  return (
    <div className="code-scroll" ref={box}>
      <ol className="code" data-lang={code.lang}>
        {lines.map((l, n) => (
          <li key={n} className={activeAt.has(n) ? `active ${activeAt.get(n)}` : undefined} aria-current={activeAt.has(n) ? 'step' : undefined}>
            <code style={{ '--indent': l.indent } as React.CSSProperties}>
              {l.tokens ? lineBreaks(l.tokens).map((tk, k) => (
                <Fragment key={k}>
                  {tk.breakBefore && <wbr />}
                  <span className={tk.keep ? `tok-${tk.kind} tok-keep` : `tok-${tk.kind}`}>
                    {tk.pieces.map((piece, j) => <Fragment key={j}>{j > 0 && <wbr />}{piece}</Fragment>)}
                  </span>
                </Fragment>
              )) : l.text}
            </code>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function CodePanel() {
  const t = useT();
  const scenario = useAppStore(selectScenario);
  const view = useAppStore(selectView);
  const lang = useAppStore(selectCodeLang);
  const locale = useAppStore(selectLocale);
  const run = useAppStore(selectRun);
  const { setCodeLang } = useAppStore(useShallow(selectSettingsActions));
  // Calls that fail in this run get error handling in the generated code (try/except…).
  const failing = useMemo(() => {
    const by: Record<number, number[]> = {};
    for (const r of run?.trace ?? []) if (r.type === 'return' && r.error) (by[r.prog] ??= []).push(r.step);
    return by;
  }, [run]);
  const codes = useMemo(
    () => (scenario ? scenario.programs.map((_, i) => programCode(scenario, i, lang, locale, failing)) : []),
    [scenario, lang, locale, failing],
  );
  // Threads (spawn) are functions of their process's file: one listing per process.
  const roots = useMemo(() => (scenario ? processRoots(scenario) : []), [scenario]);
  // A real session's "code" is the calls the page made, in order.
  if (!scenario && run?.source === 'real') return <div className="code-panel"><SessionCalls /></div>;
  if (!scenario) return <p className="muted code-panel">{run ? t('code.capture') : ''}</p>;
  return (
    <div className="code-panel">
      <div className="seg-control code-langs" role="radiogroup" aria-label={t('code.language')}>
        {LANGS.map((l) => (
          <button key={l.id} type="button" role="radio" aria-checked={lang === l.id} onClick={() => setCodeLang(l.id)}>{l.name}</button>
        ))}
      </div>
      {scenario.programs.map((prog, i) => {
        if (roots[i] !== i) return null;
        const members = roots.flatMap((r, m) => (r === i ? [m] : []));
        const code = codes[i];
        const threads = members.map((m) => {
          const pv = view?.programs.find((p) => p.prog === m);
          const active = pv?.call && pv.status !== 'ended' ? codes[m].stepLines[pv.call.step]?.[0] : undefined;
          return { m, pv, active, st: status(t, pv) };
        });
        const activeAt = new Map(threads.filter((x) => x.active !== undefined).map((x) => [x.active!, x.st.cls]));
        return (
          <section key={i} className="program" aria-label={t('code.program', { host: hostLabel(t, prog.host) })}>
            {/* One thread: the status follows the title and may wrap to a second line (both lines
                always reserved, so nothing moves while stepping). Threads: one line each. */}
            <header className={members.length > 1 ? 'threads' : 'single'}>
              <h3>{t('code.program', { host: hostLabel(t, prog.host) })}</h3>{' '}
              {threads.map(({ m, st }) => (
                <span key={m} className={`prog-status ${st.cls}`} data-testid={`prog-status-${m}`} title={st.text}>
                  {members.length > 1 && <span className="thread-tag">{programName(scenario.programs[m].name, locale) ?? `#${m}`}: </span>}{st.text}
                </span>
              ))}
            </header>
            <Listing code={code} activeAt={activeAt} />
          </section>
        );
      })}
    </div>
  );
}
