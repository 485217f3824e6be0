// Share links restore exactly the view (code language, speed, tab, packet included), and what a
// broken link or a bad scenario file says is wholly in the user's language.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { deflateSync, strToU8 } from 'fflate';
import { StageDriver } from './StageDriver';
import { applyShareHash, currentShareState } from '../../src/app/useShareSync';
import { encodeShare, toBase64Url } from '../../src/share/shareLink';
import { echoScenario } from '../fixtures/echoTrace';

const linkWith = (fields: Record<string, unknown>) =>
  `#s=${toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 2, scenario: echoScenario, step: 3, ...fields }))))}`;

describe('share links restore the whole view', () => {
  it('code language, speed, side tab, selected packet, step and settings survive a link', async () => {
    const a = await StageDriver.mount();
    act(() => {
      const s = a.state;
      s.setCodeLang('python');
      s.setSpeed(2);
      s.setPanel('inspector');
      s.setNumbers('absolute');
      s.setTheme('dark');
      s.seek(12);
      s.select(2);
    });
    const hash = `#s=${encodeShare(currentShareState(a.store)!)}`;
    a.ui.unmount();

    const b = await StageDriver.mount({ locale: 'zh-CN' });
    expect(b.state.codeLang).toBe('c');
    await act(async () => { expect(await applyShareHash(b.store, hash)).toBe(true); });
    b.expectPath('codeLang', 'python').expectPath('speed', 2).expectPath('panel', 'inspector')
      .expectPath('numbers', 'absolute').expectPath('theme', 'dark').expectPath('selected', 2)
      .expectPath('locale', 'en').expectCursor(12);
    // The code panel shows the shared language.
    act(() => b.state.setPanel('code'));
    expect(await screen.findByRole('radio', { name: 'Python' })).toHaveAttribute('aria-checked', 'true');
  });

  it('an old (v1) link without code language or speed still opens, keeping the viewer\'s own', async () => {
    const d = await StageDriver.mount();
    act(() => { d.state.setCodeLang('java'); d.state.setSpeed(0.5); });
    const v1 = `#s=${toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 1, scenario: echoScenario, key: 'echo', step: 5, panel: 'sockets', selected: null }))))}`;
    await act(async () => { expect(await applyShareHash(d.store, v1)).toBe(true); });
    d.expectCursor(5).expectPath('panel', 'sockets').expectPath('codeLang', 'java').expectPath('speed', 0.5);
  });
});

describe('broken links and files speak the user\'s language', () => {
  it('a bad speed in a link is refused with a Chinese message naming the field', async () => {
    const d = await StageDriver.mount({ locale: 'zh-CN' });
    const before = d.state.run;
    await act(async () => { expect(await applyShareHash(d.store, linkWith({ speed: 99 }))).toBe(false); });
    expect(await screen.findByTestId('notice')).toHaveTextContent('这个分享链接已损坏：播放速度为 99，但只能是 0.25, 0.5, 1, 1.5, 2, 4 之一。你当前的工作没有改变。');
    expect(d.state.run).toBe(before);
  });

  it('an invalid scenario in a link names the path and what was expected, in Chinese', async () => {
    const d = await StageDriver.mount({ locale: 'zh-CN' });
    const { seed: _seed, ...noSeed } = echoScenario;
    void _seed;
    await act(async () => { expect(await applyShareHash(d.store, linkWith({ scenario: noSeed }))).toBe(false); });
    expect(await screen.findByTestId('notice')).toHaveTextContent('这个分享链接中的场景无效：在 seed 处，应为数字（此项缺失）。你当前的工作没有改变。');
  });

  it('a bad scenario file is explained in Chinese, and in English after switching language', async () => {
    const d = await StageDriver.mount({ locale: 'zh-CN' });
    const bad = { ...echoScenario, network: { latency: 'fast' } };
    const file = new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' });
    await act(async () => { fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } }); });
    const alert = await screen.findByTestId('notice', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('这个文件不是有效的场景：在 network.latency 处，应为数字。没有做任何改动。');
    act(() => d.state.setLocale('en'));
    expect(screen.getByTestId('notice')).toHaveTextContent('This file is not a valid scenario: at network.latency, expected a number. Nothing was changed.');
  });
});
