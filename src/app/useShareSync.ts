// Keeps the URL hash equal to what is on screen (scenario, settings, step, code language, speed,
// side tab, selected packet) and restores the view from a hash: at start-up and when someone
// pastes another link into the address bar.
import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';
import type { Notice } from '../store/types';
import { decodeShare, encodeShare, realShareFromHash, shareFromHash, type ShareDecode, type ShareState } from '../share/shareLink';

export function currentShareState(store: AppStore): ShareState | null {
  const s = store.getState();
  if (!s.scenario) return null;
  return {
    scenario: s.scenario, key: s.scenarioKey, step: s.cursor, numbers: s.numbers, locale: s.locale,
    theme: s.theme, panel: s.panel, selected: s.selected, codeLang: s.codeLang, speed: s.speed,
  };
}

export function shareUrl(store: AppStore): string {
  const st = currentShareState(store);
  const base = location.href.split('#')[0];
  return st ? `${base}#s=${encodeShare(st)}` : base;
}

/** The hash of a lesson step or a page: `#l=<lesson>.<step>`, `#lessons`, `#workbench`. */
export function pageHash(store: AppStore): string | null {
  const s = store.getState();
  if (s.mode === 'lessons') return '#lessons';
  if (s.mode === 'workbench') return '#workbench';
  if (s.lesson) return `#l=${s.lesson.id}.${s.lesson.step}`;
  return null;
}

function applyPageHash(store: AppStore, hash: string): boolean {
  const s = store.getState();
  if (hash === '#lessons' || hash === '#workbench') {
    s.setMode(hash === '#lessons' ? 'lessons' : 'workbench');
    return true;
  }
  const m = /^#l=([a-z0-9-]{1,64})\.(\d{1,3})$/.exec(hash);
  if (!m) return false;
  s.openLesson(m[1], Number(m[2]));
  return true;
}

/** Apply a share hash; false (and an error notice) if it is broken. */
export async function applyShareHash(store: AppStore, hash: string): Promise<boolean> {
  if (applyPageHash(store, hash)) return true;
  const real = realShareFromHash(hash);
  if (real !== null) return applyRealShare(store, real);
  const data = shareFromHash(hash);
  if (data === null) return false;
  const r = await decodeShare(data);
  const s = store.getState();
  if (!r.ok) {
    s.notify(shareErrorNotice(r));
    return false;
  }
  const st = r.state;
  if (st.locale) s.setLocale(st.locale);
  if (st.theme) s.setTheme(st.theme);
  if (st.numbers) s.setNumbers(st.numbers);
  if (st.panel) s.setPanel(st.panel);
  if (st.codeLang) s.setCodeLang(st.codeLang);
  if (st.speed !== undefined) s.setSpeed(st.speed);
  const ok = await s.setScenario(st.scenario, { key: st.key ?? 'custom', cursor: st.step });
  if (ok && st.selected !== null && st.selected !== undefined && st.selected < (store.getState().run?.timeline.flights.length ?? 0)) {
    store.getState().select(st.selected);
  }
  return ok;
}

/** What a broken link says, in the user's language (parameters that are message keys are
 *  translated by Notices, with the notice's parameters). */
export function shareErrorNotice(r: Extract<ShareDecode, { ok: false }>): Omit<Notice, 'id'> {
  switch (r.reason) {
    case 'scenario':
      return { kind: 'error', key: 'error.shareLink.scenario', params: { ...r.error.problem.params, path: r.error.path, expected: r.error.problem.key }, keyParams: ['expected'] };
    case 'field':
      return { kind: 'error', key: 'error.shareLink.field', params: { field: `share.field.${r.field}`, value: r.value, allowed: r.allowed }, keyParams: ['field'] };
    default:
      return { kind: 'error', key: 'error.shareLink', params: { detail: r.reason === 'version' ? 'error.shareLink.version' : 'error.shareLink.decode' }, keyParams: ['detail'] };
  }
}

/** A recorded real session from a link (`#r=…`): replayed read-only at the shared step. */
async function applyRealShare(store: AppStore, data: string): Promise<boolean> {
  const [{ decodeRealShare }, { showRealSession }] = await Promise.all([import('../share/realShareLink'), import('../real/openSession')]);
  const r = await decodeRealShare(data);
  if (!r.ok) {
    if (r.reason === 'session') {
      store.getState().notify({ kind: 'error', key: 'error.shareLink.session', params: { ...r.error.problem.params, path: r.error.path, expected: r.error.problem.key }, keyParams: ['expected'] });
      return false;
    }
    const detail = r.reason === 'version' ? 'error.shareLink.version' : 'error.shareLink.decode';
    store.getState().notify({ kind: 'error', key: 'error.shareLink', params: { detail }, keyParams: ['detail'] });
    return false;
  }
  showRealSession(store, r.session, r.step, r.session.title);
  return true;
}

export function useShareSync(store: AppStore) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = '';
    const write = () => {
      timer = null;
      const page = pageHash(store);
      if (page !== null) {
        if (page !== location.hash) history.replaceState(history.state, '', page);
        last = page;
        return;
      }
      const st = currentShareState(store);
      // A capture has no scenario to put in a link: drop the old one rather than keep it stale.
      if (!st) {
        if (location.hash) history.replaceState(history.state, '', location.href.split('#')[0]);
        last = '';
        return;
      }
      const hash = `#s=${encodeShare(st)}`;
      if (hash !== last && hash !== location.hash) {
        last = hash;
        history.replaceState(history.state, '', hash);
      }
    };
    const unsub = store.subscribe((s, p) => {
      if (s.run !== p.run || s.scenario !== p.scenario || s.cursor !== p.cursor || s.numbers !== p.numbers || s.locale !== p.locale
        || s.theme !== p.theme || s.panel !== p.panel || s.selected !== p.selected || s.mode !== p.mode || s.lesson !== p.lesson
        || s.codeLang !== p.codeLang || s.speed !== p.speed) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(write, 250);
      }
    });
    const onHash = () => {
      if (location.hash === last) return;
      void applyShareHash(store, location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
      window.removeEventListener('hashchange', onHash);
    };
  }, [store]);
}
