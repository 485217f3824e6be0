// Translation without a framework: typed keys, `{param}` substitution, locale detection.
import { en, type MessageKey } from './en';
import { zhCN } from './zhCN';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CJK = /[\u3400-\u9fff]/;
const LATIN_START = /^[A-Za-z0-9(]/;
const LATIN_END = /[A-Za-z0-9)]$/;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  // A key computed from trace data the catalog does not know yet shows as itself, never crashes.
  const text: string = catalogs[locale][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string, at: number) => {
    if (!(name in params)) return m;
    const value = String(params[name]);
    if (locale !== 'zh-CN') return value;
    // Chinese puts a space between Chinese and Latin text ("browser 发送", "在 alice 上"): a value
    // may be either (客户端 or browser), so the template cannot write the space itself.
    const before = CJK.test(text[at - 1] ?? '') && LATIN_START.test(value) ? ' ' : '';
    const after = CJK.test(text[at + m.length] ?? '') && LATIN_END.test(value) ? ' ' : '';
    return `${before}${value}${after}`;
  });
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function isLocale(x: unknown): x is Locale {
  return x === 'en' || x === 'zh-CN';
}

/** `?lang=` wins; otherwise the first browser language we support; otherwise English. */
export function detectLocale(search: string, languages: readonly string[]): Locale {
  const forced = new URLSearchParams(search).get('lang');
  if (forced) {
    const norm = forced.toLowerCase();
    if (norm === 'en' || norm.startsWith('en-')) return 'en';
    if (norm === 'zh-cn' || norm === 'zh' || norm.startsWith('zh-')) return 'zh-CN';
  }
  for (const l of languages) {
    const norm = l.toLowerCase();
    if (norm.startsWith('zh')) return 'zh-CN';
    if (norm.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Host names the scenarios use get their zh-CN word; others stay as written. */
export function hostLabel(t: Translate, host: string): string {
  if (host === 'client') return t('host.client');
  if (host === 'server') return t('host.server');
  // Real mode: the page's own sockets (the bridge opens them on this machine).
  if (host === 'local') return t('host.local');
  return host;
}

/** Virtual time for people: 0 ms, 25 ms, 1.25 s, 60 s. */
export function formatTime(ms: number): string {
  if (ms < 1000) return `${Number.isInteger(ms) ? ms : ms.toFixed(1)} ms`;
  const s = ms / 1000;
  if (Number.isInteger(s)) return `${s} s`;
  return `${s.toFixed(s < 10 ? 3 : 1).replace(/\.?0+$/, '')} s`;
}

export type { MessageKey };
