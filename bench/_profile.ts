import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { serveStatic, SUB_PATH } from '../test/e2e/globalSetup';
import { CHROMIUM_FLAGS } from '../test/e2e/browser';
import { encodeShare } from '../src/share/shareLink';
import { bulkScenario, seekTargets, SEEK_BUFFER, SEEK_SEGMENTS } from './bulkScenario';
const dist = resolve('.tmp/bench-dist');
const server = serveStatic(dist);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB_PATH}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
const page = await ctx.newPage();
await page.goto(`${base}#s=${encodeShare({ scenario: bulkScenario(SEEK_SEGMENTS, SEEK_BUFFER), step: 0 })}`);
await page.getByTestId('step-count').filter({ hasText: ` of 5636` }).waitFor({ timeout: 60000 });
const targets = seekTargets(5636, 60);
const seek = (ts: number[]) => page.evaluate(async (ts) => {
  const input = document.querySelector('.scrubber input[type="range"]') as HTMLInputElement;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  for (const t of ts) { setValue.call(input, String(t)); input.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))); }
}, ts);
await seek(targets.slice(0, 10));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await seek(targets.slice(10));
const { profile } = await cdp.send('Profiler.stop') as any;
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
profile.samples.forEach((id: number, i: number) => {
  const n: any = byId.get(id); const cf = n.callFrame;
  const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}:${cf.columnNumber}`;
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms ${k}`).join('\n'));
await browser.close(); server.close();
