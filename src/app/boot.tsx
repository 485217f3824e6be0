// Start-up: one store for the page, settings from the browser (or `?lang=`), then either the view
// a share link describes or the first built-in scenario. A broken link shows an error and the app
// starts normally.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore, type AppStore, type Runner } from '../store';
import { StoreProvider } from '../store/StoreProvider';
import { detectLocale } from '../i18n/i18n';
import { App } from './App';
import type { CatalogEntry } from './catalog';
import { applyShareHash } from './useShareSync';
import { readSettings, saveSettings } from './savedSettings';
import { takeBridgeParams } from '../bridge/bridgeParams';
import { browserStore } from '../lessons/progress';
import '../styles/index.css';

export interface BootOptions { runner: Runner; catalog: CatalogEntry[] }

export async function boot(el: HTMLElement, opts: BootOptions): Promise<AppStore> {
  // First of all: take the bridge's URL and key out of the fragment, before anything reads or
  // rewrites the hash (share links do), so the key never stays in the address bar or history.
  const bridgeParams = takeBridgeParams();
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const locale = detectLocale(location.search, languages);
  const forced = new URLSearchParams(location.search).has('lang');
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const saved = readSettings(storage);
  const store = createAppStore({
    runner: opts.runner, locale: forced ? locale : saved.locale ?? locale, theme: saved.theme ?? (dark ? 'dark' : 'light'),
    progress: browserStore(),
  });
  if (saved.numbers) store.getState().setNumbers(saved.numbers);
  if (saved.codeLang) store.getState().setCodeLang(saved.codeLang);
  if (saved.speed) store.getState().setSpeed(saved.speed);
  saveSettings(store, storage);
  if (bridgeParams) {
    // Real mode's engine loads only for a tab that was handed a bridge; without one the panel
    // just explains how to start it (bridge state 'absent').
    store.getState().setBridge({ state: 'connecting', url: bridgeParams.url });
    void import('../real/realController').then(({ RealController }) => new RealController(store, { params: bridgeParams }).start());
  }
  createRoot(el).render(
    <StrictMode>
      <StoreProvider store={store}><App catalog={opts.catalog} /></StoreProvider>
    </StrictMode>,
  );
  const fromLink = location.hash ? await applyShareHash(store, location.hash) : false;
  if (forced) store.getState().setLocale(locale);
  // A lesson loads its own scenario; the lesson index and the workbench still want a stage behind
  // them. A link that opened a run without a scenario (a recorded real session) keeps it.
  const st = store.getState();
  if ((!fromLink || (!st.scenario && !st.lesson && !st.run)) && opts.catalog.length > 0) {
    const first = opts.catalog[0];
    await store.getState().setScenario(first.scenario, { key: first.id });
  }
  return store;
}

/** Offline after the first visit: the service worker precaches the built assets. */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => { /* offline support is a bonus, never an error */ });
  });
}
