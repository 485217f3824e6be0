// End-to-end: the hard cases of the stage, measured in real Chromium — many packets in one row,
// a server with many sockets, long code lines in a narrow column, in both languages.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, stageSnapshot, type Browser } from './browser';

const base = inject('baseUrl');
type Rect = { x: number; y: number; w: number; h: number; what: string };

async function pick(page: Page, id: string) {
  await page.locator('.scenario-pick select').selectOption(id);
  await page.waitForFunction((n) => document.querySelector('.scenario-pick select') instanceof HTMLSelectElement
    && (document.querySelector('.scenario-pick select') as HTMLSelectElement).value === n
    && /^(Step 0 of|第 0 步)/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''), id);
  await expect.poll(() => page.locator('.sim-busy').count()).toBe(0);
}

async function stepTo(page: Page, n: number) {
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((k) => new RegExp(`^(Step ${k} of|第 ${k} 步)`).test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''), n);
}

/** Moves reach the screen on the next frames (framer-motion), even when they do not glide. */
const settle = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

/** Boxes of the visible things that must not cover each other. */
const boxes = (page: Page, sel: string) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => {
  const r = e.getBoundingClientRect();
  return { x: r.x, y: r.y, w: r.width, h: r.height, what: e.parentElement?.textContent ?? '' };
}), sel);

function overlapping(rs: Rect[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rs.length; i++) {
    for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i];
      const b = rs[j];
      if (a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1) out.push(`${a.what} / ${b.what}`);
    }
  }
  return out;
}

describe('crowded stage in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch({ viewport: { width: 1366, height: 768 } }); });
  afterAll(async () => { await browser?.close(); });

  it('loss-retransmit, steps 35–45: packet labels never cover each other; duplicate ACKs are counted', async () => {
    const { page, errors } = await openApp(browser.ctx, base);
    await pick(page, 'loss-retransmit');
    await stepTo(page, 35);
    let counted = false;
    for (let k = 35; k <= 45; k++) {
      await settle(page);
      const pills = await boxes(page, '.diagram-svg .flight-label rect, .diagram-svg .inflight-label rect');
      expect(overlapping(pills), `step ${k}`).toEqual([]);
      const texts = await page.locator('.inflight-label text').allTextContents();
      if (texts.some((t) => /^ACK seq=1 ack=4381( win=\d+)? ×\d+$/.test(t))) counted = true;
      // Every packet in flight is still a button of its own.
      expect(await page.locator('.packet-head').count()).toBe(Number(await page.getByTestId('sequence-diagram').getAttribute('data-in-flight')));
      await page.keyboard.press('ArrowRight');
    }
    expect(counted).toBe(true);
    // Stepping back in a crowded row gives back exactly the same picture (labels, scroll).
    await settle(page);
    const dom = await stageSnapshot(page);
    const shot = await page.locator('.diagram').screenshot();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    expect(await stageSnapshot(page)).not.toBe(dom);
    await page.keyboard.press('ArrowLeft');
    await settle(page);
    expect(await stageSnapshot(page)).toBe(dom);
    expect((await page.locator('.diagram').screenshot()).equals(shot)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('backlog: lane heads and state chips of a server with five sockets do not overlap and are not cut', async () => {
    for (const width of [1280, 1024]) {
      const { page } = await openApp(browser.ctx, base);
      await page.setViewportSize({ width, height: 720 });
      await pick(page, 'backlog-overflow');
      await stepTo(page, 42);
      await settle(page);
      const chips = await boxes(page, '.lane-head .state-chip');
      expect(chips.length).toBeGreaterThanOrEqual(9);
      expect(overlapping(chips), `${width} px`).toEqual([]);
      const cut = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.lane-head .state-chip, .lane-head .lane-addr')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut, `${width} px`).toEqual([]);
      const pills = await boxes(page, '.diagram-svg .flight-label rect, .diagram-svg .inflight-label rect');
      expect(overlapping(pills), `${width} px`).toEqual([]);
      await page.close();
    }
  });
});

describe('code panel in Chromium', () => {
  for (const locale of ['en-US', 'zh-CN']) {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      it(`${locale} ${viewport.width}×${viewport.height}: the highlighted line is always wholly visible (C, Java, Node.js)`, async () => {
        const b = await launch({ viewport, locale });
        try {
          const { page } = await openApp(b.ctx, base);
          await pick(page, 'echo');
          for (const lang of ['C', 'Java', 'Node.js']) {
            await page.locator('.code-langs button', { hasText: lang }).first().click();
            await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
            await page.keyboard.press('Home');
            for (let k = 1; k <= 42; k += 1) {
              await page.keyboard.press('ArrowRight');
              const bad = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.code-col li[aria-current="step"]')].flatMap((li) => {
                const code = li.querySelector('code')!;
                const box = li.closest('.code-scroll')!.getBoundingClientRect();
                const r = li.getBoundingClientRect();
                const problems: string[] = [];
                // Wrapped, not cut: nothing sticks out to the right.
                if (code.scrollWidth > code.clientWidth + 1 || r.right > box.right + 1) problems.push(`cut: ${code.textContent}`);
                if (r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push(`scrolled away: ${code.textContent}`);
                return problems;
              }));
              expect(bad, `${lang} step ${k}`).toEqual([]);
            }
          }
          await page.close();
        } finally {
          await b.close();
        }
      });
    }
  }
});
