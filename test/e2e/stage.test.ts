// End-to-end: the built app in real headless Chromium, served from a sub-path.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { launch, openApp, stageSnapshot, type Browser } from './browser';
import { serveStatic, SUB_PATH } from './globalSetup';

const base = inject('baseUrl');
let browser: Browser;
const allErrors: string[] = [];

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function app(query = '', hash = '') {
  const a = await openApp(browser.ctx, `${base}${query}${hash}`);
  a.page.on('close', () => allErrors.push(...a.errors));
  return a;
}

async function pick(page: Page, id: string) {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
  await page.waitForFunction(() => /Step 0 of [1-9]/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
}

const chips = (page: Page) => page.locator('.lane-head .state-chip').allTextContents();

describe('the teaching stage in Chromium', () => {
  it('plays the handshake until both ends are ESTABLISHED', async () => {
    const { page } = await app();
    await pick(page, 'handshake');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    // Playing on its own, the run reaches the moment both ends are ESTABLISHED.
    await page.waitForFunction(() => [...document.querySelectorAll('.lane-head .state-chip')].filter((e) => e.textContent === 'ESTABLISHED').length >= 2, null, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    expect((await chips(page)).filter((s) => s === 'ESTABLISHED').length).toBe(2);
    expect(await page.locator('[data-state="ESTABLISHED"].active').count()).toBe(1);
    expect(await page.getByTestId('narration').textContent()).toBeTruthy();
    await page.close();
  });

  it('step back restores exactly the previous view', async () => {
    const { page } = await app();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    const before = await stageSnapshot(page);
    const shotBefore = await page.locator('.diagram').screenshot();
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    expect(await stageSnapshot(page)).not.toBe(before);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(300);
    expect(await stageSnapshot(page)).toBe(before);
    expect((await page.locator('.diagram').screenshot()).equals(shotBefore)).toBe(true);
    await page.close();
  });

  it('dropping a packet in flight makes the sender retransmit it', async () => {
    const { page } = await app();
    await pick(page, 'handshake');
    const syn = page.getByRole('button', { name: /^SYN seq=0 —/ });
    while (!(await syn.count())) await page.keyboard.press('ArrowRight');
    const stepBefore = await page.getByTestId('step-count').textContent();
    const past = () => page.evaluate(() => ['svg.diagram-svg', '.lane-headers', '[data-testid="narration"]']
      .map((sel) => document.querySelector(sel)?.outerHTML).join('\n'));
    const seen = await past();
    await syn.click();
    await page.getByRole('button', { name: 'Drop this packet' }).click();
    await expect.poll(() => page.locator('.sim-busy').count()).toBe(0);
    await page.waitForTimeout(300);
    // The re-simulated run shows exactly the same past; only what comes next differs.
    expect(await past()).toBe(seen);
    expect(await page.getByTestId('step-count').textContent()).toMatch(new RegExp(`^${stepBefore!.split(' of ')[0]} of`));
    const retrans = page.locator('.flight.retransmit');
    for (let i = 0; i < 40 && !(await retrans.count()); i++) await page.keyboard.press('ArrowRight');
    expect(await retrans.count()).toBeGreaterThan(0);
    expect(await page.locator('.drop-mark').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('stepping never moves the layout', async () => {
    const { page } = await app();
    const boxes = () => page.evaluate(() => ['.topbar', '.code-col', '.diagram-col', '.lane-headers', '.timer-strip', '.diagram-scroll', '.side', '.narration', '.controls']
      .map((sel) => { const r = document.querySelector(sel)?.getBoundingClientRect(); return r ? `${sel} ${r.x},${r.y},${r.width},${r.height}` : `${sel} missing`; }).join('\n'));
    const first = await boxes();
    expect(first).not.toContain('missing');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('ArrowRight');
      expect(await boxes(), `after step ${i + 1}`).toBe(first);
    }
    await page.keyboard.press('End');
    expect(await boxes()).toBe(first);
    await page.close();
  });

  it('exports the scenario, the capture and the diagram', async () => {
    const { page } = await app();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    const fetchDownload = async (item: string) => {
      await page.locator('.menu > summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
      return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
    };
    const json = await fetchDownload('Export scenario (JSON)');
    expect(JSON.parse(json.bytes.toString('utf8')).format).toBe('socketlab-scenario/1');
    const pcap = await fetchDownload('Export capture (pcap)');
    expect(pcap.name).toMatch(/\.pcap$/);
    expect(pcap.bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    const svg = await fetchDownload('Export diagram (SVG)');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('SYN seq=0');
    expect(text).toContain('client');
    const png = await fetchDownload('Export diagram (PNG)');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.close();
  });

  it('a share link opens exactly the same view', async () => {
    const { page } = await app();
    await pick(page, 'handshake');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('radio', { name: 'Absolute' }).click();
    await page.getByRole('radio', { name: 'Python' }).click();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
    await page.getByRole('tab', { name: 'Sockets' }).click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    const url = page.url();
    const snap = await stageSnapshot(page);
    const copy = await app('', url.slice(url.indexOf('#')));
    await copy.page.waitForFunction(() => /^Step 5 of/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
    await copy.page.waitForTimeout(300);
    expect(await stageSnapshot(copy.page)).toBe(snap);
    expect(await copy.page.getByRole('radio', { name: 'Absolute' }).getAttribute('aria-checked')).toBe('true');
    // A first-time visitor (nothing saved) sees the sharer's code language, speed and tab.
    expect(await copy.page.getByRole('radio', { name: 'Python' }).getAttribute('aria-checked')).toBe('true');
    expect(await copy.page.getByRole('combobox', { name: 'Speed' }).inputValue()).toBe('2');
    expect(await copy.page.getByRole('tab', { name: 'Sockets' }).getAttribute('aria-selected')).toBe('true');
    await copy.page.close();
    await page.close();
  });

  it('a broken share link shows an error and the app still works', async () => {
    const { page } = await app('', '#s=this-is-not-a-link');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/share link is broken/);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('step-count').textContent()).toMatch(/^Step 1 of/);
    await page.close();
  });

  it('switches language from the header and from ?lang=', async () => {
    const { page } = await app();
    await page.getByTestId('lang-select').selectOption('zh-CN');
    for (const name of ['播放', '前进一步', '后退一步', '跳到开头', '跳到结尾']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.close();
    const zh = await app('?lang=zh-CN');
    expect(await zh.page.getByRole('button', { name: '播放', exact: true }).count()).toBe(1);
    await zh.page.close();
  });

  it('lecture mode: a clean stage with large type, blanking, and back', async () => {
    const { page } = await app();
    const size = () => page.getByTestId('narration').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const normal = await size();
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.topbar').count()).toBe(0);
    expect(await page.getByRole('toolbar', { name: 'Playback' }).count()).toBe(0);
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.4);
    await page.keyboard.press('PageDown');
    expect(await page.getByTestId('step-count').count()).toBe(0);
    await page.keyboard.press('b');
    expect(await page.locator('.blank').isVisible()).toBe(true);
    await page.keyboard.press('b');
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.topbar').count()).toBe(1);
    expect(await page.getByTestId('step-count').textContent()).toMatch(/^Step 1 of/);
    await page.close();
  });

  it('works with the keyboard alone, with visible focus', async () => {
    const { page } = await app();
    await pick(page, 'handshake');
    // Tab through the header to the playback buttons; every stop shows a focus ring.
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { name: el.getAttribute('aria-label') ?? el.textContent, outline: getComputedStyle(el).outlineStyle };
      });
      expect(info.outline, `focus ring on ${info.name}`).not.toBe('none');
      reached = info.name === 'Step forward';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('step-count').textContent()).toMatch(/^Step 2 of/);
    // Reach a packet in flight and drop it from the keyboard.
    const syn = page.getByRole('button', { name: /^SYN seq=0 —/ });
    while (!(await syn.count())) await page.keyboard.press('ArrowRight');
    await syn.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Drop this packet' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Drop this packet');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('keeps working offline after the first visit', async () => {
    // Its own server, so "offline" can mean what it means for a user: the host is gone.
    const server = serveStatic(inject('distDir'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const { page } = await openApp(browser.ctx, `http://127.0.0.1:${port}${SUB_PATH}`);
    try {
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      await page.reload();
      await page.getByTestId('step-count').waitFor();
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await page.reload();
      await page.waitForFunction(() => /^Step 0 of [1-9]/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
      await page.keyboard.press('ArrowRight');
      expect(await page.getByTestId('step-count').textContent()).toMatch(/^Step 1 of/);
    } finally {
      server.close();
      await page.close();
    }
  });

  it('logged no console errors', () => {
    expect(allErrors).toEqual([]);
  });
});
