// @vitest-environment node
// A saved real session reopens as the same recording; a damaged or hostile file is refused with
// the JSON path of the first problem, never crashes, and never reaches the views.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRealSession, REAL_SESSION_FORMAT, isRealSessionJson } from '../../../src/real/sessionFile';
import { sessionFromRun, sessionJson, openRealSession } from '../../../src/real/openSession';
import { createAppStore, makeRun } from '../../../src/store';
import { packetsFromRealTrace } from '../../../src/real/realPackets';
import { narrate } from '../../../src/narration/narrate';
import { translator } from '../../../src/i18n/i18n';
import { realEchoTrace } from '../../fixtures/realSessionTrace';

const runner = async () => { throw new Error('no simulation in these tests'); };

function savedJson(): string {
  const trace = realEchoTrace();
  const run = { ...makeRun({ trace, packets: packetsFromRealTrace(trace) }), source: 'real' as const, title: '10:00:00', ips: { local: '127.0.0.1' } };
  return sessionJson(run);
}

describe('real session files', () => {
  it('round-trip: saved JSON reopens as the same trace, with packets, read-only and not live', () => {
    const json = savedJson();
    const parsed = JSON.parse(json);
    expect(parsed.format).toBe(REAL_SESSION_FORMAT);
    expect(parsed.bridge).toEqual({ capture: true, kernelStates: true, classroom: false });
    expect(isRealSessionJson(parsed)).toBe(true);
    const store = createAppStore({ runner });
    expect(openRealSession(store, parsed, json.length, 'echo.json')).toBe(true);
    const s = store.getState();
    expect(s.scenarioKey).toBe('real');
    expect(s.scenario).toBeNull();
    expect(s.run).toMatchObject({ source: 'real', live: false, title: 'echo.json' });
    expect(s.run!.trace).toEqual(realEchoTrace());
    expect(s.run!.packets.size).toBe(realEchoTrace().filter((r) => r.type === 'segment' && r.event === 'send').length);
    // Reopened, it starts at the beginning, like any run; every step can be shown.
    expect(s.cursor).toBe(0);
    for (let c = 0; c <= s.run!.timeline.length; c++) expect(() => s.run!.timeline.viewAt(c)).not.toThrow();
  });

  it('names the first problem of a damaged file by its JSON path, and changes nothing', () => {
    const good = JSON.parse(savedJson());
    const bad = (mutate: (f: typeof good) => void) => { const f = structuredClone(good); mutate(f); return parseRealSession(f); };
    expect(bad((f) => { f.trace[3].type = 'html'; })).toMatchObject({ ok: false, error: { path: 'trace[3].type' } });
    expect(bad((f) => { f.trace.find((r: { type: string }) => r.type === 'segment').flags = ['SYN', '<b>'] })).toMatchObject({ ok: false, error: { path: expect.stringMatching(/^trace\[\d+\]\.flags\[1\]$/) } });
    expect(bad((f) => { f.trace[0].onerror = 'x'; })).toMatchObject({ ok: false, error: { path: 'trace[0]' } });
    expect(bad((f) => { f.trace[1].t = -5; })).toMatchObject({ ok: false, error: { path: 'trace[1].t' } });
    expect(bad((f) => { f.trace[5].t = 0; })).toMatchObject({ ok: false, error: { path: 'trace[5].t', expected: expect.stringContaining('time order'), problem: { key: 'schema.timeOrder' } } });
    expect(bad((f) => { f.format = 'socketlab-real-session/9'; })).toMatchObject({ ok: false, error: { path: 'format' } });
    const store = createAppStore({ runner });
    const broken = structuredClone(good); broken.trace[2].id = 'x';
    expect(openRealSession(store, broken, 100, 'bad.json')).toBe(false);
    expect(store.getState().run).toBeNull();
    expect(store.getState().notices.at(-1)).toMatchObject({ key: 'error.session', params: { path: 'trace[2].id', expected: 'schema.type.number' }, keyParams: ['expected'] });
  });

  it('never throws on any JSON, and whatever it accepts plays and narrates without throwing', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => { parseRealSession(v); }), { numRuns: 300 });
    const good = JSON.parse(savedJson());
    const t = translator('en');
    // Shuffle fields of valid records within their types (ids, fds, steps, states), keeping order.
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(good.trace.length - 1), fc.nat(40)), { maxLength: 12 }), (edits) => {
      const f = structuredClone(good);
      for (const [i, v] of edits) {
        const r = f.trace[i];
        if ('id' in r) r.id = v;
        if ('fd' in r) r.fd = v;
        if ('step' in r) r.step = v;
        if ('sid' in r) r.sid = v;
      }
      const p = parseRealSession(f);
      if (!p.ok) return;
      const run = makeRun({ trace: p.session.trace, packets: packetsFromRealTrace(p.session.trace) });
      for (let c = 0; c <= run.timeline.length; c++) {
        run.timeline.viewAt(c);
        narrate(run.timeline, c, t, { numbers: 'relative' });
      }
    }), { numRuns: 60 });
  });

  it('records what the bridge could see (capture, kernel states) from the trace itself', () => {
    const trace = realEchoTrace().filter((r) => r.type !== 'segment');
    const s = sessionFromRun({ ...makeRun({ trace, packets: new Map() }), source: 'real' });
    expect(s.bridge).toEqual({ capture: false, kernelStates: true, classroom: false });
  });
});
