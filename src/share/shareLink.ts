// Share links: the scenario, the view settings and the step, as JSON → deflate (fflate) →
// base64url in the URL hash (`#s=…`). Decoding never throws: a broken link yields a reason the UI
// can explain, and the app keeps the user's current work.
import { deflateSync, inflateSync, strToU8, strFromU8 } from 'fflate';
import type { Scenario, ScenarioError } from '../scenarios/schema';
import type { CodeLang, NumberMode, SidePanel, Theme } from '../store/types';
import { LOCALES, type Locale } from '../i18n/i18n';
import { SPEEDS } from '../store/playbackSlice';

/**
 * 1: scenario, key, step, numbers, locale, theme, panel, selected.
 * 2: + codeLang, speed. Every field but the scenario is optional, so a v1 link still opens.
 */
export const SHARE_VERSION = 2;

export const SHARE_CODE_LANGS: readonly CodeLang[] = ['c', 'python', 'java', 'javascript'];
const PANELS: readonly SidePanel[] = ['code', 'state', 'inspector', 'sockets', 'network'];
const NUMBERS: readonly NumberMode[] = ['relative', 'absolute'];
const THEMES: readonly Theme[] = ['light', 'dark'];

export interface ShareState {
  scenario: Scenario;
  key?: string;
  step: number;
  numbers?: NumberMode;
  locale?: Locale;
  theme?: Theme;
  panel?: SidePanel;
  selected?: number | null;
  codeLang?: CodeLang;
  speed?: number;
}

/** A view field of the link with a value the app cannot show. */
export type ShareField = 'key' | 'step' | 'numbers' | 'locale' | 'theme' | 'panel' | 'selected' | 'codeLang' | 'speed';

export type ShareDecode =
  | { ok: true; state: ShareState }
  | { ok: false; reason: 'decode' | 'version' }
  | { ok: false; reason: 'scenario'; error: ScenarioError }
  /** `value` as it was in the link (JSON, cut short); `allowed` what it may be, e.g. `0.25, 0.5, 1`. */
  | { ok: false; reason: 'field'; field: ShareField; value: string; allowed: string };

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The JSON object a link payload (deflate → base64url) holds, checked for a version this app
 * reads: `reason` says why not ('decode': not ours or damaged; 'version': from a newer app).
 */
export function unpackPayload(data: string, maxVersion: number):
  | { ok: true; obj: Record<string, unknown> } | { ok: false; reason: 'decode' | 'version' } {
  let obj: unknown;
  try {
    obj = JSON.parse(strFromU8(inflateSync(fromBase64Url(data))));
  } catch {
    return { ok: false, reason: 'decode' };
  }
  if (typeof obj !== 'object' || obj === null) return { ok: false, reason: 'decode' };
  const o = obj as Record<string, unknown>;
  if (typeof o.v !== 'number') return { ok: false, reason: 'decode' };
  if (o.v > maxVersion) return { ok: false, reason: 'version' };
  return { ok: true, obj: o };
}

export function encodeShare(state: ShareState): string {
  const json = JSON.stringify({ v: SHARE_VERSION, ...state });
  return toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

type FieldCheck<T> = { ok: true; value: T | undefined } | { ok: false; allowed: string };

function oneOf<T>(v: unknown, allowed: readonly T[]): FieldCheck<T> {
  if (v === undefined) return { ok: true, value: undefined };
  return allowed.includes(v as T) ? { ok: true, value: v as T } : { ok: false, allowed: allowed.map((a) => JSON.stringify(a)).join(', ') };
}

function wholeNumber(v: unknown, nullable: boolean): FieldCheck<number | null> {
  if (v === undefined || (nullable && v === null)) return { ok: true, value: v as null | undefined };
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? { ok: true, value: v } : { ok: false, allowed: nullable ? '0, 1, 2, …, null' : '0, 1, 2, …' };
}

function shownValue(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/**
 * Decoding validates the scenario with zod, which loads on demand (it is not in the first bundle),
 * and every view field: a value the app cannot show makes the link broken (`reason: 'field'`)
 * rather than silently opening some other view. An absent field keeps the viewer's own setting.
 */
export async function decodeShare(data: string): Promise<ShareDecode> {
  const u = unpackPayload(data, SHARE_VERSION);
  if (!u.ok) return u;
  const o = u.obj;
  // The first field with a bad value (written from inside `take`).
  const found: { bad?: { field: ShareField; allowed: string } } = {};
  const take = <T>(field: ShareField, c: FieldCheck<T>): T | undefined => {
    if (c.ok) return c.value;
    found.bad ??= { field, allowed: c.allowed };
    return undefined;
  };
  const keyOk = o.key === undefined || (typeof o.key === 'string' && o.key.length <= 64);
  const key = take('key', keyOk ? { ok: true, value: o.key as string | undefined } : { ok: false, allowed: '"echo", "handshake", …' });
  const step = take('step', wholeNumber(o.step, false));
  const numbers = take('numbers', oneOf(o.numbers, NUMBERS));
  const locale = take('locale', oneOf(o.locale, LOCALES));
  const theme = take('theme', oneOf(o.theme, THEMES));
  const panel = take('panel', oneOf(o.panel, PANELS));
  const selected = take('selected', wholeNumber(o.selected, true));
  const codeLang = take('codeLang', oneOf(o.codeLang, SHARE_CODE_LANGS));
  const speed = take('speed', oneOf<number>(o.speed, SPEEDS));
  if (found.bad) {
    const { field, allowed } = found.bad;
    return { ok: false, reason: 'field', field, value: shownValue(o[field]), allowed };
  }
  const { parseScenario } = await import('../scenarios/schema');
  const parsed = parseScenario(o.scenario);
  if (!parsed.ok) return { ok: false, reason: 'scenario', error: parsed.error };
  // Absent fields stay absent: the viewer's own settings apply to them.
  const state: ShareState = { scenario: parsed.scenario, step: step ?? 0, selected: selected ?? null };
  if (key !== undefined) state.key = key;
  if (numbers !== undefined) state.numbers = numbers;
  if (locale !== undefined) state.locale = locale;
  if (theme !== undefined) state.theme = theme;
  if (panel !== undefined) state.panel = panel;
  if (codeLang !== undefined) state.codeLang = codeLang;
  if (speed !== undefined) state.speed = speed;
  return { ok: true, state };
}

/** The share data in a location hash, if any (`#s=…`). */
export function shareFromHash(hash: string): string | null {
  const m = /^#?s=(.*)$/.exec(hash);
  return m ? m[1] : null;
}

/** The real-session share data in a location hash, if any (`#r=…`; see realShareLink.ts, which
 *  loads on demand). */
export function realShareFromHash(hash: string): string | null {
  const m = /^#?r=(.*)$/.exec(hash);
  return m ? m[1] : null;
}
