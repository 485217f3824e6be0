// Browser figures for the teaching stage, printed (not asserted except the bundle budget test):
//  - gzip bytes of the initial JS,
//  - time from navigation to the first interactive step (scenario simulated, step controls live),
//  - p95 frame time while 100+ segments are in flight during playback.
// Run: ./node_modules/.bin/tsx bench/stage.ts   (needs /usr/bin/chromium)
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { buildApp, serveStatic, SUB_PATH } from '../test/e2e/globalSetup';
import { CHROMIUM_FLAGS } from '../test/e2e/browser';
import { initialJs } from '../test/e2e/initialJs';
import { encodeShare } from '../src/share/shareLink';
import type { Scenario } from '../src/scenarios/schema';

/** A bulk transfer over a long fat pipe: a large initial window keeps 100+ segments in flight. */
const bulk: Scenario = {
  format: 'socketlab-scenario/1', seed: 1, network: { latency: 300 },
  tcp: { initialCwnd: 200, rcvbuf: 1 << 20, sndbuf: 1 << 20 },
  hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
  programs: [
    { host: 'server', steps: [
      { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 80 },
      { op: 'listen', sock: 'ls', backlog: 5 }, { op: 'accept', sock: 'ls', as: 'c' },
      { op: 'recv', sock: 'c', max: 1 << 20, until: 'eof' }, { op: 'close', sock: 'c' },
    ] },
    { host: 'client', steps: [
      { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
      { op: 'send', sock: 's', data: { bytes: 180 * 1460 } }, { op: 'close', sock: 's' },
    ] },
  ],
};

/** The first step can be taken: a run is loaded and "Step forward" is enabled. */
const READY = `(() => { const b = document.querySelector('button[aria-label="Step forward"]'); return !!b && !b.disabled; })()`;

async function main() {
  const dist = resolve('.tmp/bench-dist');
  await buildApp(dist);
  const { files, gzip } = initialJs(dist);
  console.log(`initial JS (gzip): ${(gzip / 1024).toFixed(1)} KB in ${files.length} files (budget 150 KB)`);

  const server = serveStatic(dist);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB_PATH}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      await page.goto(base);
      await page.waitForFunction(READY);
      times.push(await page.evaluate('performance.now()') as number);
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    console.log(`first interactive step: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}) over 5 cold loads`);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'no-preference' });
    const page = await ctx.newPage();
    await page.goto(`${base}#s=${encodeShare({ scenario: bulk, step: 0 })}`);
    await page.waitForFunction(READY);
    // Step to where the most segments are in flight, then play through it, recording frames.
    const inFlight = async () => Number(await page.getByTestId('sequence-diagram').getAttribute('data-in-flight'));
    let best = 0;
    for (let i = 0; i < 600; i++) {
      await page.keyboard.press('ArrowRight');
      best = Math.max(best, await inFlight());
      if (best >= 100) break;
    }
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
    const frames = await page.evaluate(`(async () => {
      const out = [];
      const heads = [];
      document.querySelector('button[aria-label="Play"]').click();
      await new Promise((done) => {
        let last = performance.now();
        const start = last;
        const tick = (now) => {
          out.push(now - last);
          heads.push(Number(document.querySelector('[data-testid="sequence-diagram"]').getAttribute('data-in-flight')));
          last = now;
          if (now - start < 4000) requestAnimationFrame(tick); else done();
        };
        requestAnimationFrame(tick);
      });
      return { out, maxHeads: Math.max(...heads) };
    })()`) as { out: number[]; maxHeads: number };
    const ft = frames.out.slice(1).sort((a, b) => a - b);
    const p95 = ft[Math.floor(ft.length * 0.95)];
    const heads = await page.locator('.packet-head').count();
    console.log(`playback with ${best}→${frames.maxHeads} segments in flight (${heads} drawn in the viewport): ${ft.length} frames in 4 s, p50 ${ft[Math.floor(ft.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms per frame`);
    await ctx.close();
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
