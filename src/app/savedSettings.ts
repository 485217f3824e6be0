// The viewer's own choices (theme, language, number mode, code language, speed) survive a reload.
// A share link or `?lang=` still wins for the page it opens.
import type { AppStore } from '../store/createAppStore';
import { isLocale, type Locale } from '../i18n/i18n';
import type { CodeLang, NumberMode, Theme } from '../store/types';

const KEY = 'socketlab:settings';

export interface SavedSettings { theme?: Theme; locale?: Locale; numbers?: NumberMode; codeLang?: CodeLang; speed?: number }

export function readSettings(storage: Pick<Storage, 'getItem'> | undefined): SavedSettings {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return {};
    const o = JSON.parse(raw) as Record<string, unknown>;
    return {
      theme: o.theme === 'dark' || o.theme === 'light' ? o.theme : undefined,
      locale: isLocale(o.locale) ? o.locale : undefined,
      numbers: o.numbers === 'absolute' || o.numbers === 'relative' ? o.numbers : undefined,
      codeLang: o.codeLang === 'c' || o.codeLang === 'python' || o.codeLang === 'java' || o.codeLang === 'javascript' ? o.codeLang : undefined,
      speed: typeof o.speed === 'number' && o.speed >= 0.25 && o.speed <= 4 ? o.speed : undefined,
    };
  } catch {
    return {}; // unreadable or blocked storage: defaults
  }
}

export function saveSettings(store: AppStore, storage: Pick<Storage, 'setItem'> | undefined): () => void {
  return store.subscribe((s, p) => {
    if (s.theme === p.theme && s.locale === p.locale && s.numbers === p.numbers && s.codeLang === p.codeLang && s.speed === p.speed) return;
    try {
      storage?.setItem(KEY, JSON.stringify({ theme: s.theme, locale: s.locale, numbers: s.numbers, codeLang: s.codeLang, speed: s.speed }));
    } catch { /* storage full or blocked: nothing to save to */ }
  });
}
