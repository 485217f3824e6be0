// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, shareFromHash, toBase64Url, fromBase64Url, SHARE_VERSION } from '../../src/share/shareLink';
import { echoScenario } from '../fixtures/echoTrace';
import { deflateSync, strToU8 } from 'fflate';

describe('share links', () => {
  it('round-trip the scenario, settings, step, code language, speed, tab and selected packet', async () => {
    const state = { scenario: echoScenario, key: 'echo', step: 17, numbers: 'absolute', locale: 'zh-CN', theme: 'dark', panel: 'inspector', selected: 3, codeLang: 'python', speed: 2 } as const;
    const data = encodeShare(state);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShare(data)).toEqual({ ok: true, state });
    for (const codeLang of ['c', 'python', 'java', 'javascript'] as const) {
      for (const speed of [0.25, 0.5, 1, 1.5, 2, 4]) {
        const r = await decodeShare(encodeShare({ scenario: echoScenario, step: 0, codeLang, speed }));
        expect(r.ok && [r.state.codeLang, r.state.speed]).toEqual([codeLang, speed]);
      }
    }
  });

  it('a version 1 link (no code language, no speed) still opens, leaving those to the viewer', async () => {
    const v1 = toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 1, scenario: echoScenario, key: 'echo', step: 4, numbers: 'relative', locale: 'en', theme: 'light', panel: 'state', selected: null }))));
    expect(await decodeShare(v1)).toEqual({ ok: true, state: { scenario: echoScenario, key: 'echo', step: 4, numbers: 'relative', locale: 'en', theme: 'light', panel: 'state', selected: null } });
    expect(SHARE_VERSION).toBe(2);
  });

  it('a value the app cannot show is refused, naming the field, the value and what is allowed', async () => {
    const link = (extra: Record<string, unknown>) => toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 2, scenario: echoScenario, step: 1, ...extra }))));
    expect(await decodeShare(link({ speed: 3 }))).toEqual({ ok: false, reason: 'field', field: 'speed', value: '3', allowed: '0.25, 0.5, 1, 1.5, 2, 4' });
    expect(await decodeShare(link({ codeLang: 'cobol' }))).toEqual({ ok: false, reason: 'field', field: 'codeLang', value: '"cobol"', allowed: '"c", "python", "java", "javascript"' });
    expect(await decodeShare(link({ panel: 'lessons' }))).toMatchObject({ ok: false, reason: 'field', field: 'panel' });
    expect(await decodeShare(link({ theme: 'sepia' }))).toMatchObject({ ok: false, reason: 'field', field: 'theme' });
    expect(await decodeShare(link({ locale: 'fr' }))).toMatchObject({ ok: false, reason: 'field', field: 'locale' });
    expect(await decodeShare(link({ numbers: 'hex' }))).toMatchObject({ ok: false, reason: 'field', field: 'numbers' });
    expect(await decodeShare(link({ selected: -1 }))).toMatchObject({ ok: false, reason: 'field', field: 'selected' });
    expect(await decodeShare(link({ step: 2.5 }))).toMatchObject({ ok: false, reason: 'field', field: 'step' });
    expect(await decodeShare(link({ key: 42 }))).toMatchObject({ ok: false, reason: 'field', field: 'key' });
    // Long values are cut short for the message.
    const r = await decodeShare(link({ codeLang: 'x'.repeat(100) }));
    expect(!r.ok && r.reason === 'field' && r.value.length).toBe(40);
  });

  it('are short enough to paste: the echo scenario fits in well under 2 KB', () => {
    expect(encodeShare({ scenario: echoScenario, step: 0 }).length).toBeLessThan(2048);
  });

  it('base64url survives every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });

  it('a mangled link is a decode error, never an exception', async () => {
    for (const bad of ['', '!!!', 'abc', encodeShare({ scenario: echoScenario, step: 1 }).slice(0, 20)]) {
      expect(await decodeShare(bad)).toMatchObject({ ok: false, reason: 'decode' });
    }
  });

  it('a link from a newer version says so', async () => {
    const data = toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 99, scenario: echoScenario, step: 0 }))));
    expect(await decodeShare(data)).toEqual({ ok: false, reason: 'version' });
  });

  it('an invalid scenario inside a link reports its JSON path', async () => {
    const bad = { ...echoScenario, network: { latency: -5 } };
    const data = toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 1, scenario: bad, step: 0 }))));
    const r = await decodeShare(data);
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'scenario') {
      expect(r.error.path).toBe('network.latency');
      expect(r.error.problem).toEqual({ key: 'schema.msMin', params: { min: 0 } });
    }
    else throw new Error('expected a scenario error');
  });

  it('reads the data from a hash', () => {
    expect(shareFromHash('#s=abc')).toBe('abc');
    expect(shareFromHash('#other')).toBeNull();
  });
});
