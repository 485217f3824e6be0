// The workbench: build a scenario through a form (hosts, programs of socket calls, network, faults)
// or as JSON — the two stay in sync both ways — start from a template, import and export the file,
// share it as a link, and run it on the stage.
import { useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider';
import { selectLocale } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { localized, type CatalogEntry } from '../../app/catalog';
import { download } from '../../app/exportDiagram';
import { encodeShare } from '../../share/shareLink';
import { LESSON_SCENARIOS } from '../../scenarios/lessons';
import { parseScenario, type Scenario } from '../../scenarios/schema';
import { draftFromJson, draftFromScenario, emptyDraft, type Draft } from '../../workbench/draft';
import { validateDraft } from '../../workbench/validateDraft';
import { FaultsEditor, GeneralEditor, HostsEditor, NetworkEditor, ProgramsEditor } from './DraftEditors';

const pretty = (json: unknown) => JSON.stringify(json, null, 2);

/** The draft outlives the view (switching to the stage and back keeps the work). */
let kept: { draft: Draft; json: string } | null = null;

function initial(stage: Scenario | null, catalog: CatalogEntry[]): { draft: Draft; json: string } {
  if (kept) return kept;
  const s = stage ?? catalog[0]?.scenario;
  const parsed = s ? parseScenario(s) : null;
  const draft = parsed?.ok ? draftFromScenario(parsed.scenario) : emptyDraft();
  return { draft, json: pretty(validateDraft(draft).json) };
}

export function Workbench({ catalog }: { catalog: CatalogEntry[] }) {
  const t = useT();
  const store = useAppStoreApi();
  const locale = useAppStore(selectLocale);
  const [state, setState] = useState(() => initial(store.getState().scenario, catalog));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('');
  const fileRef = useRef<HTMLInputElement>(null);
  const { draft, json } = state;
  const check = useMemo(() => validateDraft(draft), [draft]);
  const save = (next: { draft: Draft; json: string }) => { kept = next; setState(next); };

  // A form edit rewrites the JSON view; a JSON edit keeps the text as typed and updates the form.
  const fromForm = (d: Draft) => { setJsonProblem(null); save({ draft: d, json: pretty(validateDraft(d).json) }); };
  const fromJson = (text: string) => {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      setJsonProblem(t('wb.json.invalid', { detail: e instanceof Error ? e.message : String(e) }));
      save({ draft, json: text });
      return;
    }
    const d = draftFromJson(obj);
    if (!d) {
      setJsonProblem(t('wb.json.notScenario'));
      save({ draft, json: text });
      return;
    }
    setJsonProblem(null);
    save({ draft: d, json: text });
  };
  const load = (s: Scenario | null) => {
    const d = s ? draftFromScenario(s) : emptyDraft();
    fromForm(d);
    setStatus('');
  };
  const pickTemplate = (v: string) => {
    if (v === 'empty') load(null);
    else if (v === 'stage') load(store.getState().scenario);
    else {
      const s = catalog.find((c) => `b:${c.id}` === v)?.scenario ?? LESSON_SCENARIOS.find((l) => `l:${l.id}` === v)?.scenario;
      const p = s ? parseScenario(s) : null;
      if (p?.ok) load(p.scenario);
    }
  };

  const run = () => {
    if (!check.scenario) { setStatus(t('wb.runFailed')); return; }
    const s = store.getState();
    s.closeLesson();
    void s.setScenario(check.scenario, { key: 'custom' });
    s.setMode('stage');
  };
  const exportFile = () => {
    if (!check.scenario) { setStatus(t('wb.exportFailed')); return; }
    download('socketlab-scenario.json', new Blob([pretty(check.scenario)], { type: 'application/json' }));
  };
  const share = async () => {
    if (!check.scenario) { setStatus(t('wb.exportFailed')); return; }
    const url = `${location.href.split('#')[0]}#s=${encodeShare({ scenario: check.scenario, key: 'custom', step: 0, locale })}`;
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t('wb.shared'));
    } catch {
      setStatus(`${t('header.share.manual')} ${url}`);
    }
  };
  const importFile = async (f: File) => {
    const text = await f.text();
    fromJson(text);
    let obj: unknown = null;
    try { obj = JSON.parse(text); } catch { /* reported by fromJson */ }
    const p = obj === null ? null : parseScenario(obj);
    setStatus(p && !p.ok ? t('wb.importFailed', { detail: `${p.error.path}: ${t(p.error.problem.key, p.error.problem.params)}` }) : '');
  };

  const errors = check.problems.size;
  const editor = { draft, problems: check.problems, locale, onChange: fromForm };
  return (
    <div className="page workbench" data-testid="workbench">
      <header className="page-head wb-head">
        <h1>{t('wb.title')}</h1>
        <p>{t('wb.intro')}</p>
        <div className="wb-toolbar">
          <label className="field inline">
            <span>{t('wb.template')}</span>
            <select value="" onChange={(e) => pickTemplate(e.target.value)} data-testid="wb-template">
              <option value="">{t('wb.template.choose')}</option>
              <option value="empty">{t('wb.template.empty')}</option>
              {store.getState().scenario && <option value="stage">{t('wb.template.stage')}</option>}
              <optgroup label={t('header.scenario')}>
                {catalog.map((c) => <option key={c.id} value={`b:${c.id}`}>{localized(c.title, locale, c.id)}</option>)}
              </optgroup>
              <optgroup label={t('nav.lessons')}>
                {LESSON_SCENARIOS.map((l) => <option key={l.id} value={`l:${l.id}`}>{localized(l.scenario.title, locale, l.id)}</option>)}
              </optgroup>
            </select>
          </label>
          <button type="button" className="btn" onClick={() => fileRef.current?.click()}>{t('wb.import')}</button>
          <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="wb-file"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
          <button type="button" className="btn" onClick={exportFile}>{t('wb.export')}</button>
          <button type="button" className="btn" onClick={() => void share()}>{t('wb.share')}</button>
          <button type="button" className="btn primary" onClick={run} data-testid="wb-run">{t('wb.run')}</button>
        </div>
        <p className={`wb-status${errors ? ' bad' : ''}`} role="status" data-testid="wb-status">
          {errors ? t('wb.errors', { n: errors }) : t('wb.valid')}{status ? ` ${status}` : ''}
        </p>
      </header>
      <div className="wb-body">
        <form className="wb-form" onSubmit={(e) => { e.preventDefault(); run(); }} noValidate>
          <GeneralEditor {...editor} />
          <NetworkEditor {...editor} />
          <HostsEditor {...editor} />
          <ProgramsEditor {...editor} />
          <FaultsEditor {...editor} />
        </form>
        <section className="wb-json" aria-label={t('wb.json')}>
          <label htmlFor="wb-json-text">{t('wb.json.label')}</label>
          <textarea id="wb-json-text" spellCheck={false} value={json} onChange={(e) => fromJson(e.target.value)} data-testid="wb-json"
            aria-invalid={jsonProblem ? true : undefined} aria-describedby={jsonProblem ? 'wb-json-err' : undefined} />
          {jsonProblem && <p className="field-error" id="wb-json-err" role="alert">{jsonProblem}</p>}
        </section>
      </div>
    </div>
  );
}
