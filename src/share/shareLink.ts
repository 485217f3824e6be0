// Share links: the scenario, the view settings and the step, as JSON → deflate (fflate) →
// base64url in the URL hash (`#s=…`). Decoding never throws: a broken link yields a reason the UI
// can explain, and the app keeps the user's current work.
import { deflateSync, inflateSync, strToU8, strFromU8 } from 'fflate';
import type { Scenario, ScenarioError } from '../scenarios/schema';
import type { NumberMode, SidePanel, Theme } from '../store/types';
import { isLocale, type Locale } from '../i18n/i18n';

export const SHARE_VERSION = 1;

export interface ShareState {
  scenario: Scenario;
  key?: string;
  step: number;
  numbers?: NumberMode;
  locale?: Locale;
  theme?: Theme;
  panel?: SidePanel;
  selected?: number | null;
}

export type ShareDecode =
  | { ok: true; state: ShareState }
  | { ok: false; reason: 'decode' | 'version' }
  | { ok: false; reason: 'scenario'; error: ScenarioError };

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

export function encodeShare(state: ShareState): string {
  const json = JSON.stringify({ v: SHARE_VERSION, ...state });
  return toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** Decoding validates the scenario with zod, which loads on demand (it is not in the first bundle). */
export async function decodeShare(data: string): Promise<ShareDecode> {
  let obj: unknown;
  try {
    obj = JSON.parse(strFromU8(inflateSync(fromBase64Url(data))));
  } catch {
    return { ok: false, reason: 'decode' };
  }
  if (typeof obj !== 'object' || obj === null) return { ok: false, reason: 'decode' };
  const o = obj as Record<string, unknown>;
  if (typeof o.v !== 'number') return { ok: false, reason: 'decode' };
  if (o.v > SHARE_VERSION) return { ok: false, reason: 'version' };
  const { parseScenario } = await import('../scenarios/schema');
  const parsed = parseScenario(o.scenario);
  if (!parsed.ok) return { ok: false, reason: 'scenario', error: parsed.error };
  const step = typeof o.step === 'number' && Number.isFinite(o.step) ? Math.max(0, Math.trunc(o.step)) : 0;
  return {
    ok: true,
    state: {
      scenario: parsed.scenario,
      key: typeof o.key === 'string' ? o.key : undefined,
      step,
      numbers: o.numbers === 'absolute' ? 'absolute' : o.numbers === 'relative' ? 'relative' : undefined,
      locale: isLocale(o.locale) ? o.locale : undefined,
      theme: o.theme === 'dark' || o.theme === 'light' ? o.theme : undefined,
      panel: o.panel === 'code' || o.panel === 'state' || o.panel === 'inspector' || o.panel === 'sockets' || o.panel === 'network' ? o.panel : undefined,
      selected: typeof o.selected === 'number' ? o.selected : null,
    },
  };
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
