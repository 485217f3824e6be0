// The scenario is the source of truth: editing it (a setting, a dropped packet) re-simulates, and
// the new run replaces the old one only if it succeeds — a failed run keeps the last good one.
import type { Scenario } from '../scenarios/schema';
import type { CursorPolicy, Runner, ScenarioSlice, SliceCreator, Run, RunResult } from './types';
import { createTimeline, buildMarkers, reconcileCursor, clampCursor } from '../timeline';

export function makeRun(r: RunResult): Run {
  const timeline = createTimeline(r.trace);
  return { ...r, timeline, markers: buildMarkers(timeline) };
}

export const createScenarioSlice = (runner: Runner): SliceCreator<ScenarioSlice> => (set, get) => {
  let generation = 0;

  const setScenario = async (scenario: Scenario, opts: { key?: string; cursor?: CursorPolicy } = {}) => {
    const mine = ++generation;
    const previous = get().run;
    set({ runStatus: 'running' });
    let result: RunResult;
    try {
      result = await runner(scenario);
    } catch (e) {
      if (mine !== generation) return false;
      set({ runStatus: previous ? 'ready' : 'error' });
      get().notify({ kind: 'error', key: 'error.simulate', params: { detail: e instanceof Error ? e.message : String(e) } });
      return false;
    }
    // A newer request superseded this one while it ran.
    if (mine !== generation) return false;
    const run = makeRun(result);
    const policy = opts.cursor ?? 'start';
    let cursor: number;
    if (policy === 'reconcile' && previous) {
      cursor = reconcileCursor(previous.trace, previous.timeline.steps, get().cursor, run.trace, run.timeline.steps);
    } else if (policy === 'end') cursor = run.timeline.length;
    else if (typeof policy === 'number') cursor = clampCursor(policy, run.timeline.length);
    else cursor = 0;
    set({
      scenario, scenarioKey: opts.key ?? 'custom', run, runStatus: 'ready',
      cursor, direction: 0, view: run.timeline.viewAt(cursor),
      selected: null, menu: null,
      playing: policy === 'reconcile' ? get().playing : false,
    });
    return true;
  };

  return {
    scenario: null,
    scenarioKey: 'custom',
    run: null,
    runStatus: 'idle',
    setScenario,
    setCapture: (result, meta) => {
      generation++; // any run still computing is now stale
      const run = { ...makeRun(result), ips: meta.ips, title: meta.title };
      set({
        scenario: null, scenarioKey: 'capture', run, runStatus: 'ready', cursor: 0, direction: 0,
        view: run.timeline.viewAt(0), selected: null, menu: null, playing: false,
      });
    },
    setLive: (result, meta) => {
      generation++; // a simulation still computing must not replace the recording
      const prev = get();
      const again = prev.scenarioKey === 'real' && prev.run?.source === 'real';
      const oldLength = again ? prev.run!.timeline.length : 0;
      const run: Run = { ...makeRun(result), ips: meta.ips, title: meta.title, source: 'real', live: meta.live };
      // Follow the newest step, unless the student went back to look at something. A reopened
      // (finished) recording starts at its beginning, like any run.
      const follow = again ? prev.cursor >= oldLength : meta.live;
      const cursor = follow ? run.timeline.length : again ? clampCursor(prev.cursor, run.timeline.length) : 0;
      const keep = (i: number | null) => (again && i !== null && i < run.timeline.flights.length ? i : null);
      set({
        scenario: null, scenarioKey: 'real', run, runStatus: 'ready', cursor,
        direction: follow && again && cursor === oldLength + 1 ? 1 : 0,
        view: run.timeline.viewAt(cursor), selected: keep(prev.selected), menu: keep(prev.menu),
        playing: again && !follow ? prev.playing : false,
      });
    },
    dropPacket: async (id) => {
      const s = get().scenario;
      if (!s) return false;
      if ((s.faults ?? []).some((f) => 'drop' in f && f.drop.id === id)) return true;
      const next: Scenario = { ...s, faults: [...(s.faults ?? []), { drop: { id } }] };
      return setScenario(next, { key: get().scenarioKey, cursor: 'reconcile' });
    },
    removeFault: async (index) => {
      const s = get().scenario;
      if (!s?.faults || index < 0 || index >= s.faults.length) return false;
      const next: Scenario = { ...s, faults: s.faults.filter((_, i) => i !== index) };
      return setScenario(next, { key: get().scenarioKey, cursor: 'reconcile' });
    },
  };
};
