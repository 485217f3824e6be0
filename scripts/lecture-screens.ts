// Screenshots of lecture mode for review, with a few checks printed beside each: the rendered
// type sizes, text cut off (ellipsis, overflow, outside the drawing), texts drawn over each other,
// and where the current row sits. At 1280×720, in English and Chinese, light and dark, at several
// steps of the echo and close scenarios.
// Usage: ./node_modules/.bin/tsx scripts/lecture-screens.ts [outDir] [--no-build]
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildApp, serveStatic, SUB_PATH } from '../test/e2e/globalSetup';
import { CHROMIUM_FLAGS } from '../test/e2e/browser';

const args = process.argv.slice(2);
const out = resolve(args.find((a) => !a.startsWith('--')) ?? '/work/notes/lecture');
mkdirSync(out, { recursive: true });
const dist = resolve('.tmp/lecture-dist');
if (!args.includes('--no-build')) await buildApp(dist);

const SHOTS: Array<{ scenario: string; steps: number[] }> = [
  { scenario: 'echo', steps: [3, 9, 16, 24, 33, 42] },
  { scenario: 'close-client-first', steps: [12, 22, 33] },
  // Crowded: many packets in flight, a server with many sockets.
  { scenario: 'loss-retransmit', steps: [40, 70] },
  { scenario: 'backlog-overflow', steps: [20, 45] },
];

/** What the page shows, measured in the page: sizes as drawn (zoom included) and problems. */
const MEASURE = `(() => {
  const px = (el) => el ? Math.round(parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom ?? 1) * 10) / 10 : null;
  const q = (s) => document.querySelector(s);
  const sizes = {
    label: px(q('.flight-label text') ?? q('.inflight-label text')), note: px(q('.note')), state: px(q('.note-state') ?? q('.state-chip')),
    chip: px(q('.state-chip')), host: px(q('.host-name')), lane: px(q('.lane-name')), addr: px(q('.lane-addr')),
    axis: px(q('.gutter text')), narration: px(q('[data-testid="narration"]')),
  };
  const problems = [];
  const scroll = q('.diagram-scroll').getBoundingClientRect();
  // HTML text cut off by its box.
  for (const el of document.querySelectorAll('.lane-head > span, .host-head > span, .timer-name, .timer-time, .narration, .lecture-hint')) {
    const cut = [el.scrollWidth > el.clientWidth + 1 && 'width', el.scrollHeight > el.clientHeight + 1 && 'height'].filter(Boolean);
    if (cut.length) problems.push('cut (' + cut.join(', ') + '): ' + el.className + ' "' + el.textContent + '"');
  }
  // Lane heads over each other.
  const heads = [...document.querySelectorAll('.lane-head > span, .host-head > span')].map((e) => [e, e.getBoundingClientRect()]);
  for (let i = 0; i < heads.length; i++) for (let j = i + 1; j < heads.length; j++) {
    const [a, r] = heads[i], [b, s] = heads[j];
    if (a.parentElement === b.parentElement) continue;
    if (r.right > s.left + 1 && s.right > r.left + 1 && r.bottom > s.top + 1 && s.bottom > r.top + 1) problems.push('heads overlap: "' + a.textContent + '" / "' + b.textContent + '"');
  }
  // Diagram texts: inside the drawing horizontally, not over each other.
  const texts = [...document.querySelectorAll('svg.diagram-svg text')].map((e) => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.bottom > scroll.top && r.top < scroll.bottom);
  for (const [e, r] of texts) if (r.left < scroll.left - 1 || r.right > scroll.right + 1) problems.push('outside: "' + e.textContent + '"');
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const [a, r] = texts[i], [b, s] = texts[j];
    if (a.contains(b) || b.contains(a)) continue;
    const ox = Math.min(r.right, s.right) - Math.max(r.left, s.left), oy = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
    if (ox > 2 && oy > 2) problems.push('texts overlap: "' + a.textContent + '" / "' + b.textContent + '"');
  }
  const row = q('.current-row')?.getBoundingClientRect();
  return { sizes, problems, view: { top: Math.round(scroll.top), bottom: Math.round(scroll.bottom), rowTop: row ? Math.round(row.top) : null, rowBottom: row ? Math.round(row.bottom) : null } };
})()`;

const server = serveStatic(dist);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB_PATH}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });

async function open(lang: 'en' | 'zh-CN', theme: 'light' | 'dark', scenario: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: lang === 'en' ? 'en-US' : 'zh-CN', colorScheme: theme, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(`${base}?lang=${lang}`);
  await page.getByTestId('step-count').waitFor();
  await page.locator('.scenario-pick select').selectOption(scenario);
  await page.waitForFunction(() => /\b0\D+[1-9]/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ''));
  await page.keyboard.press('l');
  await page.locator('.app.lecture').waitFor();
  return page;
}

let bad = 0;
async function shoot(page: Page, step: number, name: string) {
  await page.keyboard.press('Home');
  for (let at = 0; at < step; at++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(out, name) });
  const m = await page.evaluate(MEASURE) as { sizes: Record<string, number | null>; problems: string[]; view: Record<string, number | null> };
  bad += m.problems.length;
  console.log(`${name}: ${Object.entries(m.sizes).map(([k, v]) => `${k} ${v}`).join(', ')}; view ${JSON.stringify(m.view)}`);
  for (const p of m.problems) console.log(`  ! ${p}`);
}

try {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      for (const { scenario, steps } of SHOTS) {
        const page = await open(lang, theme, scenario);
        for (const step of steps) await shoot(page, step, `${scenario}-${step}-${lang}-${theme}.png`);
        await page.context().close();
      }
    }
  }
  // A full-HD projector: the same stage, scaled up.
  const page = await open('en', 'light', 'echo', { width: 1920, height: 1080 });
  await shoot(page, 24, 'echo-24-en-light-1920x1080.png');
  await page.context().close();
} finally {
  await browser.close();
  server.close();
}
console.log(bad ? `${bad} problem(s)` : 'no problems found');
