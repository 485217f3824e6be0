// The top bar: scenario picker, number mode, language, theme, files, share, lecture mode.
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider';
import { selectLocale, selectNumbers, selectScenarioKey, selectSettingsActions, selectTheme, selectLecture, selectRunTitle, selectMode, selectRunSource, selectRealOpen, selectBridge, selectHasScenario } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { LOCALES, LOCALE_NAMES, type Locale } from '../../i18n/i18n';
import { localized, type CatalogEntry } from '../../app/catalog';
import { shareUrl } from '../../app/useShareSync';
import { loadScenarioFile } from '../../app/loadScenarioFile';
import { diagramSvg, download, svgToPng } from '../../app/exportDiagram';
import { withFullRender } from '../stage/fullRender';
import { Icon } from './Icon';

export function Header({ catalog, onLecture }: { catalog: CatalogEntry[]; onLecture(): void }) {
  const t = useT();
  const store = useAppStoreApi();
  const locale = useAppStore(selectLocale);
  const theme = useAppStore(selectTheme);
  const numbers = useAppStore(selectNumbers);
  const key = useAppStore(selectScenarioKey);
  const lecture = useAppStore(selectLecture);
  const runTitle = useAppStore(selectRunTitle);
  const mode = useAppStore(selectMode);
  const onStage = mode === 'stage';
  const hasScenario = useAppStore(selectHasScenario);
  const runSource = useAppStore(selectRunSource);
  const realOpen = useAppStore(selectRealOpen);
  const bridge = useAppStore(selectBridge);
  const toggleReal = () => {
    const st = store.getState();
    const open = !st.realOpen;
    // Real sockets replace what the stage shows: a lesson step cannot stay anchored to them.
    if (open && st.lesson) st.closeLesson();
    st.setRealOpen(open);
    // Without a code column the Real panel is the first side tab: show it.
    const wide = typeof matchMedia === 'function' && matchMedia('(min-width: 1180px)').matches;
    if (open && !wide) st.setPanel('code');
  };
  const capRef = useRef<HTMLInputElement>(null);
  const { setLocale, setTheme, setNumbers } = useAppStore(useShallow(selectSettingsActions));
  const fileRef = useRef<HTMLInputElement>(null);
  const menuRef = useRef<HTMLDetailsElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const inCatalog = catalog.some((c) => c.id === key);
  const current = catalog.find((c) => c.id === key);
  const shownTitle = current ? localized(current.title, locale, current.id)
    : runTitle && key === 'capture' ? t('header.captureTitle', { name: runTitle })
      : key === 'real' ? t('header.realTitle', { name: runTitle ?? '' }) : localized(store.getState().scenario?.title, locale, 'custom');
  const pick = (id: string) => {
    const e = catalog.find((c) => c.id === id);
    if (e) void store.getState().setScenario(e.scenario, { key: e.id });
  };
  const share = async () => {
    let url: string;
    const run = store.getState().run;
    if (!store.getState().scenario && runSource === 'real' && run) {
      // A real session travels as its recording (#r=…) when that stays short enough for a link.
      const [{ sessionFromRun }, { encodeRealShare }] = await Promise.all([import('../../real/openSession'), import('../../share/realShareLink')]);
      const r = encodeRealShare(sessionFromRun(run), store.getState().cursor);
      if (!r.ok) {
        store.getState().notify({ kind: 'info', key: 'header.share.real', params: { kb: String(Math.ceil(r.chars / 1024)) } });
        return;
      }
      url = `${location.href.split('#')[0]}#r=${r.data}`;
      history.replaceState(history.state, '', url);
    } else if (!store.getState().scenario) {
      // A capture has no scenario to put in a link: say how to pass it on instead.
      store.getState().notify({ kind: 'info', key: 'header.share.capture' });
      return;
    } else {
      url = shareUrl(store);
      history.replaceState(history.state, '', url);
    }
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('header.share.copied'));
    } catch {
      setCopied(`${t('header.share.manual')} ${url}`);
    }
    setTimeout(() => setCopied(null), 4000);
  };
  const closeMenu = () => menuRef.current?.removeAttribute('open');
  const baseName = () => `socketlab-${key}-step${store.getState().cursor}`;
  const exportJson = () => {
    const s = store.getState().scenario;
    if (s) download(`socketlab-${key}.json`, new Blob([JSON.stringify(s, null, 2)], { type: 'application/json' }));
    closeMenu();
  };
  const exportSession = async () => {
    closeMenu();
    const run = store.getState().run;
    if (run?.source !== 'real') return;
    const { sessionJson } = await import('../../real/openSession');
    download(`socketlab-real-${(run.title ?? 'session').replace(/[^\w.-]+/g, '-')}.json`, new Blob([sessionJson(run)], { type: 'application/json' }));
  };
  const exportPcap = async () => {
    closeMenu();
    const run = store.getState().run;
    if (!run) return;
    if (run.source === 'real' && run.packets.size === 0) {
      store.getState().notify({ kind: 'info', key: 'header.pcap.none' });
      return;
    }
    const { writePcap, pcapFramesFromTrace } = await import('../../sim/pcap');
    const bytes = writePcap(pcapFramesFromTrace(run.trace, run.packets));
    download(`socketlab-${key}.pcap`, new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
  };
  const exportSvg = async (png: boolean) => {
    closeMenu();
    const stage = document.querySelector<HTMLElement>('[data-testid="sequence-diagram"]');
    if (!stage) return;
    const svg = await withFullRender(() => diagramSvg(stage));
    if (!svg) return;
    if (png) download(`${baseName()}.png`, await svgToPng(svg));
    else download(`${baseName()}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
  };

  return (
    <header className="topbar">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><circle cx="5" cy="12" r="3" fill="var(--c-syn)" /><circle cx="19" cy="12" r="3" fill="var(--c-ack)" /><path d="M8 10 L16 10 M16 14 L8 14" stroke="currentColor" strokeWidth="2" /></svg>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="modes" aria-label={t('nav.label')}>
        {(['stage', 'lessons', 'workbench'] as const).map((m) => (
          <button key={m} type="button" aria-current={mode === m ? 'page' : undefined} data-testid={`nav-${m}`}
            onClick={() => store.getState().setMode(m)}>{t(`nav.${m}`)}</button>
        ))}
      </nav>
      {onStage && (
        <label className="scenario-pick">
          <span className="sr-only">{t('header.scenario')}</span>
          {/* A narrow header cuts the title short: the whole title is the tooltip and part of the name. */}
          <select value={inCatalog ? key : 'custom'} onChange={(e) => pick(e.target.value)}
            aria-label={t('header.scenarioNamed', { title: shownTitle })} title={shownTitle} data-testid="scenario-select">
            {!inCatalog && <option value="custom">{shownTitle}</option>}
            {catalog.map((c) => <option key={c.id} value={c.id}>{localized(c.title, locale, c.id)}</option>)}
          </select>
        </label>
      )}
      <div className="spacer" />
      {onStage && (
        <div className="seg-control" role="radiogroup" aria-label={t('header.numbers')}>
          {(['relative', 'absolute'] as const).map((n) => (
            <button key={n} type="button" role="radio" aria-checked={numbers === n} onClick={() => setNumbers(n)}>
              {t(n === 'relative' ? 'header.numbers.relative' : 'header.numbers.absolute')}
            </button>
          ))}
        </div>
      )}
      <label className="lang-pick">
        <span className="sr-only">{t('header.language')}</span>
        <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('header.language')} data-testid="lang-select">
          {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
        </select>
      </label>
      <button type="button" className="icon-btn" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={`${t('header.theme')}: ${t(theme === 'dark' ? 'header.theme.dark' : 'header.theme.light')}`} aria-pressed={theme === 'dark'}>
        <Icon name={theme === 'dark' ? 'moon' : 'sun'} />
      </button>
      {onStage && (
        <button type="button" className={`btn real-toggle bridge-${bridge.state}`} onClick={toggleReal} aria-pressed={realOpen}
          title={`${t('header.real')}: ${bridge.state === 'lost' ? t('real.status.lost', { code: bridge.closeCode ?? 1006 }) : t(`real.status.${bridge.state}`)}`}
          data-testid="real-toggle">
          <Icon name="plug" /><span className="real-dot" aria-hidden="true" /> <span className="btn-label">{t('header.real')}</span>
        </button>
      )}
      {onStage && (
        <details className="menu" ref={menuRef}>
          <summary className="btn" title={t('header.files')}><Icon name="file" /> <span className="btn-label">{t('header.files')}</span></summary>
          <div className="menu-pop" role="menu">
            <button type="button" role="menuitem" onClick={() => { closeMenu(); fileRef.current?.click(); }}>{t('header.load')}</button>
            <button type="button" role="menuitem" onClick={() => { closeMenu(); capRef.current?.click(); }}>{t('header.loadCapture')}</button>
            {hasScenario && <button type="button" role="menuitem" onClick={exportJson}>{t('header.export.json')}</button>}
            {runSource === 'real' && <button type="button" role="menuitem" onClick={() => void exportSession()}>{t('header.export.session')}</button>}
            <button type="button" role="menuitem" onClick={() => void exportPcap()}>{t('header.export.pcap')}</button>
            <button type="button" role="menuitem" onClick={() => void exportSvg(false)}>{t('header.export.svg')}</button>
            <button type="button" role="menuitem" onClick={() => void exportSvg(true)}>{t('header.export.png')}</button>
          </div>
        </details>
      )}
      <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="file-input"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void loadScenarioFile(store, f); e.target.value = ''; }} />
      <input ref={capRef} type="file" accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap" hidden data-testid="capture-input"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void loadScenarioFile(store, f); e.target.value = ''; }} />
      <button type="button" className="icon-btn" onClick={() => store.getState().setHelp(true)} aria-label={t('keys.title')} title={`${t('keys.title')} (?)`}>
        <span aria-hidden="true" className="kbd-icon">?</span>
      </button>
      {onStage && <button type="button" className="btn" onClick={() => void share()} title={t('header.share')}><Icon name="share" /> <span className="btn-label">{t('header.share')}</span></button>}
      {onStage && <button type="button" className="btn primary" onClick={onLecture} aria-pressed={lecture} title={`${t('header.lecture')} (L)`}><Icon name="screen" /> <span className="btn-label">{t('header.lecture')}</span></button>}
      {copied && <p className="toast" role="status">{copied}</p>}
    </header>
  );
}
