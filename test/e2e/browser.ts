// Real headless Chromium for the e2e tests: the project's flags, a fresh profile per test file,
// and a page helper that records console errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser { ctx: BrowserContext; close(): Promise<void> }

export async function launch(opts: { locale?: string; reducedMotion?: 'reduce' | 'no-preference'; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'socketlab-e2e-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 720 },
    locale: opts.locale ?? 'en-US',
    reducedMotion: opts.reducedMotion ?? 'reduce',
  });
  return {
    ctx,
    close: async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AppPage { page: Page; errors: string[] }

export async function openApp(ctx: BrowserContext, url: string): Promise<AppPage> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Each test starts as a first-time visitor: no settings saved by an earlier test.
  await page.addInitScript('try { localStorage.clear(); } catch (e) {}');
  await page.goto(url);
  await page.getByTestId('step-count').waitFor();
  await page.waitForFunction(() => !/ 0$/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? ' 0'));
  return { page, errors };
}

/** The visible state of the stage, for exact before/after comparisons. */
export async function stageSnapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pick = (sel: string) => document.querySelector(sel)?.outerHTML ?? '';
    return [pick('svg.diagram-svg'), pick('.lane-headers'), pick('.timer-strip'), pick('[data-testid="narration"]'), pick('.code-col'), pick('[data-testid="step-count"]')].join('\n');
  });
}
