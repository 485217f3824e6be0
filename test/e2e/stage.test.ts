// End-to-end: the built app in real headless Chromium, served from a sub-path.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { launch, openApp, stageSnapshot, type Browser } from './browser';
import { serveStatic, SUB_PATH } from './globalSetup';
import { encodeShare } from '../../src/share/shareLink';
import { bulkScenario, SEEK_BUFFER, SEEK_SEGMENTS } from '../../bench/bulkScenario';

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

  it('a dense step (600+ packets in flight): a few paths, a count, and step back restores the same markup', async () => {
    // Step 5008 of the seek bench's bulk transfer has the most packets in flight (625).
    const { page } = await app('', `#s=${encodeShare({ scenario: bulkScenario(SEEK_SEGMENTS, SEEK_BUFFER), step: 5008 })}`);
    await page.waitForFunction(() => /^Step 5008 of/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.waitForTimeout(300);
    expect(await page.getByTestId('sequence-diagram').getAttribute('data-dense')).toBe('true');
    expect(await page.getByTestId('dense-count').textContent()).toMatch(/^\d{3} packets in flight$/);
    expect(await page.locator('svg.diagram-svg *').count()).toBeLessThan(120);
    const svg = () => page.locator('svg.diagram-svg').evaluate((e) => e.outerHTML);
    const before = await svg();
    const shotBefore = await page.locator('.diagram').screenshot();
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(600);
    expect(await svg()).not.toBe(before);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(600);
    expect(await svg()).toBe(before);
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

  it('dropping a packet leaves the packets already in flight where they were (echo: the data behind an ACK)', async () => {
    const { page } = await app();
    await pick(page, 'echo');
    const diagram = () => page.evaluate(() => document.querySelector('svg.diagram-svg')?.outerHTML ?? '');
    const step = async () => Number((await page.getByTestId('step-count').textContent())!.match(/\d+/)![0]);
    // The handshake's last ACK leaves; a few steps later, the data follows it while it travels.
    const ack = page.getByRole('button', { name: /^ACK seq=1 ack=1\b.* — client → server$/ });
    const data = page.getByRole('button', { name: /^PSH, ACK seq=1 ack=1\b.*len=13 — client → server$/ });
    while (!(await ack.count())) await page.keyboard.press('ArrowRight');
    const seen: Array<{ k: number; svg: string; shot: Buffer }> = [];
    while (!(await data.count())) {
      await page.waitForTimeout(150);
      seen.push({ k: await step(), svg: await diagram(), shot: await page.locator('.diagram-scroll').screenshot() });
      await page.keyboard.press('ArrowRight');
    }
    expect(await ack.count()).toBe(1); // both in flight
    await page.waitForTimeout(150);
    const at = await step();
    const now = await diagram();
    await data.click();
    await page.getByRole('button', { name: 'Drop this packet' }).click();
    await expect.poll(() => page.locator('.sim-busy').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.querySelector('.packet-menu'))).toBeNull();
    await page.waitForTimeout(300);
    expect(await step()).toBe(at);
    expect(await diagram()).toBe(now);
    // Every step before is exactly as it was (markup and pixels).
    for (const s of seen.reverse()) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(150);
      expect(await step()).toBe(s.k);
      expect(await diagram(), `step ${s.k}`).toBe(s.svg);
      expect((await page.locator('.diagram-scroll').screenshot()).equals(s.shot), `step ${s.k} (pixels)`).toBe(true);
    }
    await page.close();
  });

  it('timer names are never cut at 1280×720, and the FIN_WAIT_2 timer ends when TIME_WAIT begins', async () => {
    const { page } = await app();
    for (const lang of ['en', 'zh-CN']) {
      await page.getByTestId('lang-select').selectOption(lang);
      for (const id of ['echo', 'close-client-first']) {
        await page.locator('.scenario-pick select').selectOption(id);
        await page.waitForFunction(() => /^(Step 0 of|第 0 步)/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        let named = 0;
        for (let k = 1; ; k++) {
          await page.keyboard.press('ArrowRight');
          await page.waitForFunction((n) => new RegExp(`^(Step ${n} of|第 ${n} 步)`).test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''), k);
          const seen = await page.evaluate(() => ({
            cut: [...document.querySelectorAll<HTMLElement>('.timer-name')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
            names: [...document.querySelectorAll('.timer-name')].map((e) => e.textContent),
            finWait2: document.querySelectorAll('.timer-fin-wait-2').length,
            chips: [...document.querySelectorAll('.lane-head .state-chip')].map((e) => e.textContent),
            end: document.querySelector<HTMLButtonElement>('button[aria-label="Step forward"], button[aria-label="前进一步"]')?.disabled,
          }));
          expect(seen.cut, `${lang} ${id} step ${k}`).toEqual([]);
          named += seen.names.length;
          if (seen.finWait2) expect(seen.chips.some((c) => /^FIN[_-]WAIT[_-]2$/.test(c!)), `${lang} ${id} step ${k}`).toBe(true);
          if (seen.end) break;
        }
        expect(named).toBeGreaterThan(0);
      }
    }
    await page.close();
  });

  it('the state machine reads at projector size: text ≥ 11 px, endpoint labels inside the panel, off the boxes', async () => {
    const { page } = await app();
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(viewport);
      for (const [id, steps] of [['syn-loss', 'End'], ['echo', 15]] as const) {
        await pick(page, id);
        // Keys go to the stage, not to the scenario list that still has the focus.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        if (steps === 'End') await page.keyboard.press('End');
        else for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
        await page.getByRole('tab', { name: 'States' }).click();
        await page.locator('.sm-who').first().waitFor();
        const m = await page.evaluate(() => {
          const svg = document.querySelector<SVGSVGElement>('svg.state-svg')!;
          const scale = svg.getScreenCTM()!.a;
          const panel = svg.getBoundingClientRect();
          const rects = [...svg.querySelectorAll('.sm-node rect')].map((r) => r.getBoundingClientRect());
          const inside = (b: DOMRect) => b.left >= panel.left - 0.5 && b.right <= panel.right + 0.5 && b.bottom <= panel.bottom + 0.5;
          const over = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          return {
            smallest: Math.min(...[...svg.querySelectorAll('text')].map((e) => parseFloat(getComputedStyle(e).fontSize) * scale)),
            labels: [...svg.querySelectorAll<SVGTextElement>('.sm-who')].map((e) => {
              const b = e.getBoundingClientRect();
              return { text: e.textContent, inside: inside(b), onBox: rects.some((r) => over(b, r)) };
            }),
          };
        });
        const where = `${id} at ${viewport.width}`;
        expect(m.smallest, where).toBeGreaterThanOrEqual(11);
        expect(m.labels.length, where).toBeGreaterThanOrEqual(2);
        for (const l of m.labels) expect(l, where).toMatchObject({ inside: true, onBox: false });
      }
    }
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

  it('loads a scenario file dropped on the page; a broken one shows an error and keeps the current run', async () => {
    const { page } = await app();
    await pick(page, 'echo');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const before = await page.getByTestId('step-count').textContent();
    const drop = (name: string, text: string) => page.evaluate(([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [name, text] as const);
    await drop('broken.json', '{"format": "socketlab-scenario/1", "seed": "one"');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not a valid scenario.*Nothing was changed/);
    expect(await page.getByTestId('step-count').textContent()).toBe(before);
    const scenario = {
      format: 'socketlab-scenario/1', seed: 9, title: { en: 'Dropped handshake', 'zh-CN': '拖入的握手' },
      hosts: { a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } },
      programs: [
        { host: 'b', steps: [{ op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 1 }, { op: 'accept', sock: 'l', as: 'c' }] },
        { host: 'a', steps: [{ op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'b', port: 80 }] },
      ],
    };
    await drop('mine.json', JSON.stringify(scenario));
    await page.waitForFunction(() => /^Step 0 of [1-9]/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
    expect(await page.getByText('Dropped handshake').count()).toBeGreaterThan(0);
    await page.keyboard.press('End');
    await expect.poll(() => chips(page)).toContain('ESTABLISHED');
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
    // Clicker steps until packet labels are drawn and the diagram has scrolled.
    let steps = 1;
    const scrolled = () => page.locator('.diagram-scroll').evaluate((e) => e.scrollTop > 0);
    while (steps < 40 && !(await scrolled() && await page.locator('.flight-label text').count())) {
      await page.keyboard.press('PageDown');
      steps++;
    }
    // Type as drawn at 1280×720 (the lecture diagram is zoomed as a whole, so computed size × zoom).
    const drawn = (sel: string) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize) * ((e as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1));
    expect(await drawn('.flight-label text')).toBeGreaterThanOrEqual(20);
    expect(await drawn('.lane-name')).toBeGreaterThanOrEqual(24);
    expect(await drawn('.state-chip')).toBeGreaterThanOrEqual(18);
    expect(await drawn('[data-testid="narration"]')).toBeGreaterThanOrEqual(26);
    // The current row is in view at the bottom: below it only the labels of packets in flight.
    const view = await page.evaluate(() => {
      const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
      const row = document.querySelector('.current-row')!.getBoundingClientRect();
      const labels = [...document.querySelectorAll('.inflight-label')].map((e) => e.getBoundingClientRect().bottom);
      return { top: box.top, bottom: box.bottom, rowTop: row.top, rowBottom: row.bottom, drawn: Math.max(row.bottom, ...labels) };
    });
    expect(view.rowTop).toBeGreaterThanOrEqual(view.top);
    expect(view.rowBottom).toBeLessThanOrEqual(view.bottom + 0.5);
    expect(view.bottom - view.drawn).toBeLessThan(16);
    await page.keyboard.press('b');
    expect(await page.locator('.blank').isVisible()).toBe(true);
    await page.keyboard.press('b');
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.topbar').count()).toBe(1);
    expect(await page.getByTestId('step-count').textContent()).toMatch(new RegExp(`^Step ${steps} of`));
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
    // From the playback buttons, Shift+Tab back up the page to the packet (the diagram is above).
    let onPacket = false;
    for (let i = 0; i < 80 && !onPacket; i++) {
      await page.keyboard.press('Shift+Tab');
      onPacket = await page.evaluate(() => /^SYN seq=0 —/.test(document.activeElement?.getAttribute('aria-label') ?? ''));
    }
    expect(onPacket).toBe(true);
    // An SVG packet shows its focus as a ring around its dot (base.css), not as an outline.
    expect(await page.evaluate(() => {
      const el = document.activeElement as Element;
      const hit = el.querySelector('.head-hit')!;
      const focused = getComputedStyle(hit).strokeWidth;
      return el.matches(':focus-visible') && focused === '2px';
    })).toBe(true);
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
