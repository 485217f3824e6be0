// Every lesson, in both languages, in real headless Chromium: it loads, every step places the
// stage and narrates, every question takes an answer and explains it, and the lesson plays to its
// end — with no console error anywhere.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Browser } from './browser';
import { LESSONS } from '../../src/lessons/catalog';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function open(lang: string, hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript('try { localStorage.clear(); } catch (e) {}');
  await page.goto(`${base}?lang=${lang}${hash}`);
  return { page, errors };
}

const TEXT = {
  en: { check: 'Check', next: 'Next step', finish: 'Finish the lesson', step: (n: number, total: number) => `Step ${n} of ${total}`, done: 'Completed' },
  'zh-CN': { check: '检查答案', next: '下一步', finish: '完成本课', step: (n: number, total: number) => `第 ${n} 步，共 ${total} 步`, done: '已完成' },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  describe(`lessons in ${lang}`, () => {
    for (const lesson of LESSONS) {
      it(`${lesson.number}. ${lesson.id} plays to its end`, async () => {
        const tx = TEXT[lang];
        const { page, errors } = await open(lang, `#l=${lesson.id}.0`);
        const panel = page.getByTestId('lesson-panel');
        await panel.waitFor();
        for (let i = 0; i < lesson.steps.length; i++) {
          const step = lesson.steps[i];
          await expect.poll(() => page.getByTestId('lesson-step').textContent()).toBe(tx.step(i + 1, lesson.steps.length));
          // The step's scenario is on the stage and its narration is shown.
          await page.getByTestId('lesson-narration').waitFor();
          expect((await page.getByTestId('lesson-narration').textContent())!.length).toBeGreaterThan(4);
          await expect.poll(() => page.getByTestId('step-count').textContent()).toMatch(/[1-9]/);
          if (step.question) {
            const q = page.getByTestId('question');
            await q.waitFor();
            if (step.question.kind === 'choice') await q.getByRole('radio').first().check();
            else await q.getByRole('textbox').fill('1');
            await q.getByRole('button', { name: tx.check }).click();
            await expect.poll(() => page.getByTestId('question-feedback').textContent()).toMatch(/.{12,}/);
          }
          const last = i === lesson.steps.length - 1;
          await panel.getByRole('button', { name: last ? tx.finish : tx.next }).click();
        }
        // Finishing returns to the index, where the lesson is marked completed.
        const card = page.getByTestId(`lesson-card-${lesson.id}`);
        await card.waitFor();
        expect(await card.textContent()).toContain(tx.done);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  });
}

/** The element's box lies inside the window and inside every box that clips it (nothing to scroll to see it). */
async function fullyShown(page: Page, selector: string): Promise<{ box: { x: number; y: number; width: number; height: number } | null; clipped: boolean }> {
  const loc = page.locator(selector).first();
  const box = await loc.boundingBox();
  const clipped = await loc.evaluate((el) => {
    const b = el.getBoundingClientRect();
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (!/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowY)) continue;
      const q = p.getBoundingClientRect();
      if (b.top < q.top - 0.5 || b.bottom > q.bottom + 0.5) return true;
    }
    return false;
  });
  return { box, clipped };
}

const inWindow = (b: { x: number; y: number; width: number; height: number } | null) =>
  b !== null && b.x >= 0 && b.y >= 0 && b.x + b.width <= 1280 && b.y + b.height <= 720;

describe('lesson layout on a 1280×720 projector', () => {
  // Steps that bring a side tab forward (state machine, sockets) or draw a figure.
  const STEPS = [['four-way-close', 2], ['flow-control', 2], ['loss-and-retransmission', 1], ['http-over-tcp', 1], ['many-clients', 4]] as const;
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`narration, question with Check, step buttons and the figure are all in view without scrolling (${lang})`, async () => {
      const { page, errors } = await open(lang, '#lessons');
      for (const [id, step] of STEPS) {
        await page.evaluate((h) => { location.hash = h; }, `#l=${id}.${step}`);
        const lesson = LESSONS.find((l) => l.id === id)!;
        await expect.poll(() => page.getByTestId('lesson-step').textContent()).toBe(TEXT[lang].step(step + 1, lesson.steps.length));
        await expect.poll(() => page.locator('.lesson-title').textContent()).toContain(lesson.title[lang]);
        await page.getByTestId('lesson-narration').waitFor();
        await page.getByTestId('question').waitFor();
        for (const sel of ['[data-testid="lesson-narration"]', '[data-testid="question"] button[type="submit"]', '[data-testid="question"] :is(fieldset, input)', '.lesson-nav .btn.primary']) {
          const { box, clipped } = await fullyShown(page, sel);
          expect(inWindow(box), `${id}.${step} ${sel} ${JSON.stringify(box)}`).toBe(true);
          expect(clipped, `${id}.${step} ${sel} is cut off by a scrolling box`).toBe(false);
        }
        const figure = await page.locator('[data-testid="lesson-figure"] svg, #side-tabpanel').count();
        if (figure) expect(inWindow((await fullyShown(page, '[data-testid="lesson-figure"] svg, #side-tabpanel')).box), `${id}.${step} figure`).toBe(true);
      }
      // Check moves the focus to the result, not to <body>.
      const q = page.getByTestId('question');
      await q.getByRole('radio').first().check();
      await q.getByRole('button', { name: TEXT[lang].check }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('question-result');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('workbench in Chromium', () => {
  it('a template edited in the form runs on the stage; a bad field is flagged beside it', async () => {
    const { page, errors } = await open('en', '#workbench');
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('wb-template').selectOption('l:many-clients');
    await expect.poll(() => page.getByTestId('wb-status').textContent()).toContain('valid');
    const latency = page.getByTestId('wb-net-latency');
    await latency.fill('fast');
    await expect.poll(() => latency.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('A number, please.').count()).toBe(1);
    expect(await latency.inputValue()).toBe('fast');
    await latency.fill('30');
    await page.getByTestId('wb-run').click();
    await expect.poll(() => page.getByTestId('step-count').textContent()).toMatch(/of [1-9]/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
