// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, shareFromHash, toBase64Url, fromBase64Url } from '../../src/share/shareLink';
import { echoScenario } from '../fixtures/echoTrace';
import { deflateSync, strToU8 } from 'fflate';

describe('share links', () => {
  it('round-trip the scenario, settings and step', async () => {
    const data = encodeShare({ scenario: echoScenario, key: 'echo', step: 17, numbers: 'absolute', locale: 'zh-CN', theme: 'dark', panel: 'inspector', selected: 3 });
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    const r = await decodeShare(data);
    expect(r).toEqual({ ok: true, state: { scenario: echoScenario, key: 'echo', step: 17, numbers: 'absolute', locale: 'zh-CN', theme: 'dark', panel: 'inspector', selected: 3 } });
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
    if (!r.ok && r.reason === 'scenario') expect(r.error.path).toBe('network.latency');
    else throw new Error('expected a scenario error');
  });

  it('reads the data from a hash', () => {
    expect(shareFromHash('#s=abc')).toBe('abc');
    expect(shareFromHash('#other')).toBeNull();
  });
});
