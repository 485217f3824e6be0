// Browser figures for the teaching stage, printed (not asserted except the bundle budget test):
//  - gzip bytes of the initial JS,
//  - time from navigation to the first interactive step (scenario simulated, step controls live),
//  - p95 frame time while 100+ segments are in flight during playback,
//  - seeking in a trace of ≥ 10,000 records: the pure viewAt (Node) and, in the page, from the
//    scrubber's input (or Home/End) to the painted frame, React render included.
// Run: ./node_modules/.bin/tsx bench/stage.ts [--seek-only]   (needs /usr/bin/chromium)
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { buildApp, serveStatic, SUB_PATH } from '../test/e2e/globalSetup';
import { CHROMIUM_FLAGS } from '../test/e2e/browser';
import { initialJs } from '../test/e2e/initialJs';
import { encodeShare } from '../src/share/shareLink';
import { simulate } from '../src/sim';
import { createTimeline } from '../src/timeline';
import { bulkScenario, percentiles, seekTargets, SEEK_BUFFER, SEEK_SEGMENTS } from './bulkScenario';

/** A bulk transfer over a long fat pipe: a large initial window keeps 100+ segments in flight. */
const bulk = bulkScenario(180);

/** The first step can be taken: a run is loaded and "Step forward" is enabled. */
const READY = `(() => { const b = document.querySelector('button[aria-label="Step forward"]'); return !!b && !b.disabled; })()`;

/**
 * One seek measured in the page. The input arrives at the start of a frame (in a
 * requestAnimationFrame callback), so no wait for vsync is counted: React renders and commits
 * (a discrete event: before the frame is drawn), then style, layout and paint; a message posted
 * from the callback runs once that frame is painted. The view may need more frames (the
 * diagram draws the rows near its new scroll position once the scroll event has re-rendered
 * it), so the seek is "settled" at the first painted frame after the last DOM change, when a
 * whole frame then passes without one.
 * Returns, in ms from the input: commit (first DOM change), first paint, settled; and the
 * number of frames until settled.
 */
const SEEK_IN_PAGE = `async (moves) => {
  const input = document.querySelector('.scrubber input[type="range"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  let first = 0, last = 0;
  new MutationObserver(() => { const t = performance.now(); if (!first) first = t; last = t; })
    .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const afterPaint = (cb) => { const c = new MessageChannel(); c.port1.onmessage = () => cb(performance.now()); c.port2.postMessage(0); };
  const frame = () => new Promise((r) => requestAnimationFrame(() => afterPaint(r)));
  const apply = (m) => {
    if (typeof m === 'number') {
      setValue.call(input, String(m));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else window.dispatchEvent(new KeyboardEvent('keydown', { key: m, bubbles: true }));
  };
  const out = [];
  for (const m of moves) {
    await frame(); await frame();
    out.push(await new Promise((done) => requestAnimationFrame(() => {
      first = 0; last = 0;
      const t0 = performance.now();
      apply(m);
      const paints = [];
      const onPaint = (t) => {
        paints.push(t);
        const n = paints.length;
        if ((n >= 2 && last < paints[n - 2]) || n > 60) {
          const settled = paints.find((p) => p > last) ?? t;
          const cursor = Number(document.querySelector('svg.diagram-svg').dataset.cursor);
          done({ commit: first ? first - t0 : NaN, first: paints[0] - t0, settled: settled - t0, frames: paints.indexOf(settled) + 1, cursor });
        } else requestAnimationFrame(() => afterPaint(onPaint));
      };
      afterPaint(onPaint);
    })));
  }
  return out;
}`;

interface SeekSample { commit: number; first: number; settled: number; frames: number; cursor: number }

async function seekFigures(browser: Browser, base: string) {
  const scenario = bulkScenario(SEEK_SEGMENTS, SEEK_BUFFER);
  const tl = createTimeline(simulate(scenario).trace);
  const targets = seekTargets(tl.length, 201).filter((c, i, a) => i === 0 || c !== a[i - 1]);
  // The pure function, for the same seeks.
  for (let c = 0; c <= tl.length; c += 7) tl.viewAt(c);
  const pure = targets.map((c) => { const t0 = performance.now(); tl.viewAt(c); return performance.now() - t0; });

  const loadBefore = loadavg();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(`${base}#s=${encodeShare({ scenario, step: 0 })}`);
  await page.waitForFunction(READY);
  await page.getByTestId('step-count').filter({ hasText: ` of ${tl.length}` }).waitFor();
  const ms = (xs: number[]) => { const p = percentiles(xs); return `p50 ${p.p50.toFixed(1)}, p95 ${p.p95.toFixed(1)}, max ${p.max.toFixed(1)} ms`; };
  const run = async (moves: Array<number | string>) => page.evaluate(`(${SEEK_IN_PAGE})(${JSON.stringify(moves)})`) as Promise<SeekSample[]>;
  await run(targets.slice(0, 10)); // warm-up: code paths compiled, rows measured
  const random = await run(targets.slice(1));
  const jumps = await run(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'Home' : 'End')));
  await ctx.close();

  const wrong = random.filter((s, i) => s.cursor !== targets[i + 1]).length + jumps.filter((s, i) => s.cursor !== (i % 2 ? 0 : tl.length)).length;
  const framesHist = (xs: SeekSample[]) => {
    const h = new Map<number, number>();
    for (const s of xs) h.set(s.frames, (h.get(s.frames) ?? 0) + 1);
    return [...h].sort((a, b) => a[0] - b[0]).map(([f, n]) => `${n}×${f}`).join(', ');
  };
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join('/');
  console.log(`seek in a ${tl.trace.length}-record trace (${tl.length} steps; budget 16 ms; machine load (os.loadavg 1/5/15 min) ${load(loadBefore)} before, ${load(loadavg())} after, on ${cpus().length} cores):`);
  console.log(`  viewAt only (Node, same ${pure.length} seeks): ${ms(pure)}`);
  console.log(`  Chromium, ${random.length} random scrubber seeks: React commit ${ms(random.map((s) => s.commit))}; input → first painted frame ${ms(random.map((s) => s.first))}; → settled view ${ms(random.map((s) => s.settled))} (frames until settled: ${framesHist(random)})`);
  console.log(`  Chromium, ${jumps.length} End/Home jumps: React commit ${ms(jumps.map((s) => s.commit))}; input → first painted frame ${ms(jumps.map((s) => s.first))}; → settled view ${ms(jumps.map((s) => s.settled))} (frames: ${framesHist(jumps)})`);
  if (wrong) console.log(`  ! ${wrong} seeks ended on another step than asked`);
}

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
    if (process.argv.includes('--seek-only')) { await seekFigures(browser, base); return; }
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

    await seekFigures(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
