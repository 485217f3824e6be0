// Measured on screen in Chromium: text is never cut or misaligned for being long or Chinese —
// the network form's inputs line up, the scenario title fits the header, the code status wraps
// instead of losing its end, code wraps between names rather than inside them, and the code
// listings keep room for their code.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, type Browser } from './browser';

const base = inject('baseUrl');
const browsers: Browser[] = [];
afterAll(async () => { for (const b of browsers) await b.close(); });

async function open(viewport: { width: number; height: number }, query: string): Promise<Page> {
  const b = await launch({ viewport, locale: 'en-US' });
  browsers.push(b);
  const { page } = await openApp(b.ctx, `${base}${query}`);
  return page;
}

describe('long and Chinese text on screen', () => {
  let zh: Page;
  let en1280: Page;
  let en1366: Page;
  beforeAll(async () => {
    zh = await open({ width: 1366, height: 768 }, '?lang=zh-CN');
    en1280 = await open({ width: 1280, height: 720 }, '?lang=en');
    en1366 = await open({ width: 1366, height: 768 }, '?lang=en');
  });

  it('zh-CN network form: the inputs of a row line up whatever the labels\' length', async () => {
    await zh.getByRole('tab', { name: '网络' }).click();
    await zh.locator('#net-bandwidth').waitFor();
    const rows = await zh.evaluate(() => {
      const boxes = [...document.querySelectorAll<HTMLElement>('.field-grid .field')].map((f) => ({
        input: f.querySelector('input, select')!.getBoundingClientRect(),
        label: f.querySelector('label')!.getBoundingClientRect(),
      }));
      const out: Array<[number, number, number]> = [];
      for (let i = 0; i + 1 < boxes.length; i += 2) out.push([boxes[i].input.top, boxes[i + 1].input.top, Math.max(boxes[i].label.bottom, boxes[i + 1].label.bottom)]);
      return out;
    });
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const [a, b, labels] of rows) {
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
      expect(Math.min(a, b)).toBeGreaterThanOrEqual(labels - 0.5);
    }
  });

  it('1280×720: the scenario title fits the header select; the whole title is its tooltip and accessible name', async () => {
    const r = await en1280.evaluate(() => {
      const s = document.querySelector<HTMLSelectElement>('[data-testid="scenario-select"]')!;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(s).font;
      const cs = getComputedStyle(s);
      const text = s.options[s.selectedIndex].text;
      // Room for text: the box minus padding, border and Chromium's drop-down arrow (about 20 px).
      const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      return { text, width: ctx.measureText(text).width, room, title: s.title, label: s.getAttribute('aria-label') };
    });
    expect(r.text).toBe('TCP echo: the whole call flow');
    expect(r.width).toBeLessThanOrEqual(r.room);
    expect(r.title).toBe(r.text);
    expect(await en1280.getByRole('combobox', { name: 'Scenario: TCP echo: the whole call flow' }).count()).toBe(1);
  });

  it('1280×720: each program\'s status is shown whole at every step, and its box never changes height', async () => {
    const heights = new Set<number>();
    await en1280.keyboard.press('Home');
    for (let k = 0; k <= 42; k++) {
      const r = await en1280.evaluate(() => [...document.querySelectorAll<HTMLElement>('.code-col .program header')].map((h) => ({
        text: h.textContent,
        // Cut below (more lines than the box) or at the right (an ellipsis on one line).
        cut: h.scrollHeight > h.clientHeight + 1 || [...h.querySelectorAll<HTMLElement>('.prog-status')].some((e) => e.scrollWidth > e.clientWidth + 1),
        height: h.getBoundingClientRect().height,
      })));
      for (const h of r) {
        expect(h.cut, `step ${k}: ${h.text}`).toBe(false);
        heights.add(Math.round(h.height));
      }
      await en1280.keyboard.press('ArrowRight');
    }
    expect(heights.size).toBe(1);
  });

  it('1366×768: code wraps between names, never after a dot or inside a name (C, Python, Java, Node.js)', async () => {
    for (const lang of ['C', 'Python', 'Java', 'Node.js']) {
      await en1366.getByRole('radio', { name: lang }).click();
      await en1366.waitForTimeout(200);
      const bad = await en1366.evaluate(() => {
        const out: string[] = [];
        for (const code of document.querySelectorAll<HTMLElement>('.code-col ol.code code')) {
          // The top of every character: a row break is where it goes down.
          const chars: Array<{ c: string; top: number }> = [];
          const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent ?? '';
            for (let i = 0; i < text.length; i++) {
              const range = document.createRange();
              range.setStart(n, i);
              range.setEnd(n, i + 1);
              const rect = range.getClientRects()[0];
              if (rect) chars.push({ c: text[i], top: rect.top });
            }
          }
          for (let i = 1; i < chars.length; i++) {
            if (chars[i].top <= chars[i - 1].top + 2) continue;
            const before = chars[i - 1].c;
            const after = chars[i].c;
            if (before === '.' || (/\w/.test(before) && /\w/.test(after))) out.push(`${code.textContent} (after "${before}")`);
          }
        }
        return out;
      });
      expect(bad, lang).toEqual([]);
    }
  });

  it('1366×768: each program listing shows at least ten rows of code', async () => {
    await en1366.getByRole('radio', { name: 'C' }).click();
    const r = await en1366.evaluate(() => [...document.querySelectorAll<HTMLElement>('.code-col .code-scroll')].map((box) => {
      // A one-row line's height (text plus its padding) is the height of a row of code.
      const row = Math.min(...[...box.querySelectorAll<HTMLElement>('ol.code > li')].map((li) => li.getBoundingClientRect().height));
      return box.clientHeight / row;
    }));
    expect(r).toHaveLength(2);
    for (const rows of r) expect(rows).toBeGreaterThanOrEqual(10);
  });
});
