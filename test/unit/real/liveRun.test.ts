// @vitest-environment node
// A live recording on the stage: the cursor follows the newest step unless the student moved it
// back, a simulation still running cannot overwrite the recording, and the view is always the
// timeline's view at the cursor.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/store';
import { packetsFromRealTrace } from '../../../src/real/realPackets';
import { realEchoTrace } from '../../fixtures/realSessionTrace';
import { echoScenario, buildEchoTrace } from '../../fixtures/echoTrace';

const full = realEchoTrace();
const upTo = (n: number) => { const trace = full.slice(0, n); return { trace, packets: packetsFromRealTrace(trace) }; };
const meta = { ips: {}, title: 't', live: true };

describe('a live real recording', () => {
  it('follows the newest step as records arrive', () => {
    const store = createAppStore({ runner: async () => buildEchoTrace() });
    store.getState().setLive(upTo(4), meta);
    expect(store.getState().cursor).toBe(store.getState().run!.timeline.length);
    store.getState().setLive(upTo(12), meta);
    const s = store.getState();
    expect(s.cursor).toBe(s.run!.timeline.length);
    expect(s.view).toEqual(s.run!.timeline.viewAt(s.cursor));
    expect(s.scenarioKey).toBe('real');
  });

  it('stays where the student scrubbed back, and follows again once they reach the end', () => {
    const store = createAppStore({ runner: async () => buildEchoTrace() });
    store.getState().setLive(upTo(12), meta);
    store.getState().seek(2);
    store.getState().setLive(upTo(20), meta);
    expect(store.getState().cursor).toBe(2);
    store.getState().jumpEnd();
    store.getState().setLive(upTo(full.length), meta);
    expect(store.getState().cursor).toBe(store.getState().run!.timeline.length);
  });

  it('glides forward by one step, and snaps when several steps arrive at once', () => {
    const store = createAppStore({ runner: async () => buildEchoTrace() });
    store.getState().setLive(upTo(12), meta);
    const n = store.getState().run!.timeline.length;
    let k = 13;
    while (store.getState().run!.timeline.length === n) store.getState().setLive(upTo(k++), meta);
    expect(store.getState().direction).toBe(store.getState().run!.timeline.length === n + 1 ? 1 : 0);
    store.getState().setLive(upTo(full.length), meta);
    expect(store.getState().direction).toBe(0);
  });

  it('a simulation that finishes after the recording took the stage is dropped', async () => {
    let release!: () => void;
    const store = createAppStore({ runner: () => new Promise((r) => { release = () => r(buildEchoTrace()); }) });
    const pending = store.getState().setScenario(echoScenario, { key: 'echo' });
    store.getState().setLive(upTo(12), meta);
    release();
    expect(await pending).toBe(false);
    expect(store.getState().scenarioKey).toBe('real');
  });
});
