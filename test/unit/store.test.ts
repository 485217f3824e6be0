// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';

// The store core must work without React: if anything under src/store (except the Provider)
// imported it, these tests would fail on the empty mock.
vi.mock('react', () => ({}));

import { createAppStore, startPlaybackLoop, stepDuration, type Runner, type Scheduler } from '../../src/store';
import { buildEchoTrace, echoScenario } from '../fixtures/echoTrace';
import { buildLostSynTrace } from '../fixtures/lossTrace';
import type { Scenario } from '../../src/scenarios/schema';

const echo = buildEchoTrace();
const echoRunner: Runner = async () => ({ trace: echo.trace, packets: echo.packets });

async function loaded(runner: Runner = echoRunner) {
  const store = createAppStore({ runner });
  await store.getState().setScenario(echoScenario, { key: 'echo' });
  return store;
}

function fakeScheduler() {
  const queue: Array<{ fn: () => void; ms: number; id: number }> = [];
  let id = 0;
  const s: Scheduler & { queue: typeof queue; fire(): number } = {
    queue,
    setTimeout: (fn, ms) => { queue.push({ fn, ms, id: ++id }); return id; },
    clearTimeout: (h) => { const i = queue.findIndex((q) => q.id === h); if (i >= 0) queue.splice(i, 1); },
    fire: () => { const q = queue.shift(); q?.fn(); return q?.ms ?? -1; },
  };
  return s;
}

describe('store core', () => {
  it('each factory call makes an independent store', async () => {
    const a = await loaded();
    const b = await loaded();
    a.getState().stepForward();
    expect(a.getState().cursor).toBe(1);
    expect(b.getState().cursor).toBe(0);
  });

  it('loading a scenario runs it and shows the start of the run', async () => {
    const runner = vi.fn(echoRunner);
    const store = await loaded(runner);
    expect(runner).toHaveBeenCalledWith(echoScenario);
    const s = store.getState();
    expect(s).toMatchObject({ scenarioKey: 'echo', runStatus: 'ready', cursor: 0 });
    expect(s.view?.cursor).toBe(0);
    expect(s.run?.timeline.length).toBeGreaterThan(20);
  });

  it('steps forward and back, clamped, and the view always matches the cursor', async () => {
    const store = await loaded();
    const { stepForward, stepBack, jumpEnd, jumpStart } = store.getState();
    stepBack();
    expect(store.getState().cursor).toBe(0);
    stepForward(); stepForward(); stepForward();
    expect(store.getState()).toMatchObject({ cursor: 3, direction: 1 });
    const before = JSON.stringify(store.getState().view);
    stepForward(); stepBack();
    expect(store.getState().direction).toBe(-1);
    expect(JSON.stringify(store.getState().view)).toBe(before);
    jumpEnd();
    const len = store.getState().run!.timeline.length;
    expect(store.getState().cursor).toBe(len);
    stepForward();
    expect(store.getState().cursor).toBe(len);
    jumpStart();
    expect(store.getState().cursor).toBe(0);
  });

  it('a failing run keeps the last good run and reports the error', async () => {
    let fail = false;
    const store = await loaded(async (s) => { if (fail) throw new Error('boom'); return echoRunner(s); });
    store.getState().stepForward();
    fail = true;
    const ok = await store.getState().setScenario({ ...echoScenario, seed: 2 });
    expect(ok).toBe(false);
    expect(store.getState()).toMatchObject({ runStatus: 'ready', cursor: 1, scenario: echoScenario });
    expect(store.getState().notices.at(-1)).toMatchObject({ kind: 'error', key: 'error.simulate', params: { detail: 'boom' } });
  });

  it('a slower, older run never replaces a newer one', async () => {
    const resolvers: Array<() => void> = [];
    const runner: Runner = (s) => new Promise((res) => resolvers.push(() => res(s.seed === 1 ? { trace: echo.trace, packets: echo.packets } : buildLostSynTrace())));
    const store = createAppStore({ runner });
    const first = store.getState().setScenario(echoScenario);
    const second = store.getState().setScenario({ ...echoScenario, seed: 7 });
    resolvers[1]();
    resolvers[0]();
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(store.getState().scenario?.seed).toBe(7);
  });

  it('dropping a packet adds a drop fault with its id, re-simulates and keeps the cursor', async () => {
    const seen: Scenario[] = [];
    const runner: Runner = async (s) => { seen.push(s); return echoRunner(s); };
    const store = await loaded(runner);
    for (let i = 0; i < 6; i++) store.getState().stepForward();
    await store.getState().dropPacket(1);
    expect(seen.at(-1)?.faults).toEqual([{ drop: { id: 1 } }]);
    expect(store.getState().cursor).toBe(6);
    // The fault can be removed again.
    await store.getState().removeFault(0);
    expect(seen.at(-1)?.faults).toEqual([]);
  });
});

describe('playback loop', () => {
  it('play steps at once, then every step duration, and pauses at the end', async () => {
    const store = await loaded();
    const sched = fakeScheduler();
    const stop = startPlaybackLoop(store, sched);
    store.getState().play();
    expect(store.getState().cursor).toBe(1);
    expect(sched.queue[0].ms).toBe(stepDuration(1));
    const len = store.getState().run!.timeline.length;
    while (sched.queue.length) sched.fire();
    expect(store.getState()).toMatchObject({ cursor: len, playing: false });
    stop();
  });

  it('speed changes the interval; pause cancels the pending step', async () => {
    const store = await loaded();
    const sched = fakeScheduler();
    startPlaybackLoop(store, sched);
    store.getState().setSpeed(4);
    store.getState().play();
    expect(sched.queue[0].ms).toBe(stepDuration(4));
    store.getState().setSpeed(99);
    expect(store.getState().speed).toBe(4);
    store.getState().pause();
    expect(sched.queue).toHaveLength(0);
  });

  it('play at the end starts over', async () => {
    const store = await loaded();
    startPlaybackLoop(store, fakeScheduler());
    store.getState().jumpEnd();
    store.getState().play();
    expect(store.getState().cursor).toBe(1);
  });
});

describe('settings', () => {
  it('blanking works only in lecture mode and leaving lecture mode un-blanks', async () => {
    const store = await loaded();
    store.getState().toggleBlank();
    expect(store.getState().blank).toBe(false);
    store.getState().setLecture(true);
    store.getState().toggleBlank();
    expect(store.getState().blank).toBe(true);
    store.getState().setLecture(false);
    expect(store.getState().blank).toBe(false);
  });
});
