// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readSettings, saveSettings } from '../../src/app/savedSettings';
import { createAppStore } from '../../src/store';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => { m.set(k, v); } };
}

describe('saved settings', () => {
  it('a viewer\'s theme, language, numbers, code language and speed survive a reload', () => {
    const storage = memory();
    const store = createAppStore({ runner: async () => ({ trace: [], packets: new Map() }) });
    saveSettings(store, storage);
    store.getState().setTheme('dark');
    store.getState().setLocale('zh-CN');
    store.getState().setNumbers('absolute');
    store.getState().setCodeLang('java');
    store.getState().setSpeed(2);
    expect(readSettings(storage)).toEqual({ theme: 'dark', locale: 'zh-CN', numbers: 'absolute', codeLang: 'java', speed: 2 });
  });

  it('garbage or blocked storage gives defaults, never an error', () => {
    expect(readSettings({ getItem: () => '{not json' })).toEqual({});
    expect(readSettings({ getItem: () => JSON.stringify({ theme: 'pink', speed: 99, locale: 'fr' }) })).toEqual({ theme: undefined, locale: undefined, numbers: undefined, codeLang: undefined, speed: undefined });
    expect(readSettings({ getItem: () => { throw new Error('SecurityError'); } })).toEqual({});
    expect(readSettings(undefined)).toEqual({});
  });
});
