// @vitest-environment node
// A recorded real session shared as a link (#r=…) opens as the same recording at the same step;
// a recording too large for a link is refused with its size; a damaged link never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRealShare, encodeRealShare, MAX_REAL_SHARE_CHARS, realShareFromHash } from '../../../src/share/realShareLink';
import { sessionFromRun, showRealSession } from '../../../src/real/openSession';
import { createAppStore, makeRun } from '../../../src/store';
import { packetsFromRealTrace } from '../../../src/real/realPackets';
import { applyShareHash } from '../../../src/app/useShareSync';
import { realEchoTrace } from '../../fixtures/realSessionTrace';
import type { TraceRecord } from '../../../src/sim/trace/records';

const runner = async () => { throw new Error('no simulation in these tests'); };

function runOf(trace: TraceRecord[]) {
  return { ...makeRun({ trace, packets: packetsFromRealTrace(trace) }), source: 'real' as const, title: 'echo', ips: { local: '127.0.0.1' } };
}

describe('real session share links', () => {
  it('round-trip: the link reopens the same recording at the shared step', async () => {
    const session = sessionFromRun(runOf(realEchoTrace()));
    const enc = encodeRealShare(session, 5);
    expect(enc.ok).toBe(true);
    if (!enc.ok) return;
    const dec = await decodeRealShare(enc.data);
    expect(dec).toMatchObject({ ok: true, step: 5 });
    if (!dec.ok) return;
    expect(dec.session.trace).toEqual(realEchoTrace());
    const store = createAppStore({ runner });
    showRealSession(store, dec.session, dec.step, dec.session.title);
    expect(store.getState().run).toMatchObject({ source: 'real', live: false });
    expect(store.getState().cursor).toBe(5);
    expect(store.getState().run!.trace).toEqual(realEchoTrace());
  });

  it('opening #r=… through the app\'s hash handling shows the recording', async () => {
    const enc = encodeRealShare(sessionFromRun(runOf(realEchoTrace())), 3);
    if (!enc.ok) throw new Error('too large');
    const store = createAppStore({ runner });
    expect(realShareFromHash(`#r=${enc.data}`)).toBe(enc.data);
    expect(await applyShareHash(store, `#r=${enc.data}`)).toBe(true);
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().run?.source).toBe('real');
  });

  it('a recording too large for a link is refused with its compressed size', () => {
    // Many reads of incompressible text: the link would exceed the limit.
    const base = realEchoTrace();
    const big: TraceRecord[] = [...base];
    let t = base[base.length - 1].t;
    let seed = 1;
    for (let i = 0; i < 400; i++) {
      let data = '';
      for (let k = 0; k < 400; k++) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; data += String.fromCharCode(33 + ((seed >>> 16) % 90)); }
      t += 1;
      big.push({ t, type: 'call', host: 'local', op: 'recv', args: { sock: 's' }, id: 10_000 + i, prog: 0, step: 0 });
      big.push({ t, type: 'return', host: 'local', op: 'recv', id: 10_000 + i, prog: 0, step: 0, result: { bytes: 400, data } });
    }
    const enc = encodeRealShare(sessionFromRun(runOf(big)), 0);
    expect(enc.ok).toBe(false);
    if (!enc.ok) expect(enc.chars).toBeGreaterThan(MAX_REAL_SHARE_CHARS);
  });

  it('a broken or hostile link is reported, never thrown, and leaves the current run alone', async () => {
    const store = createAppStore({ runner });
    const before = store.getState().run;
    expect(await applyShareHash(store, '#r=not*base64')).toBe(false);
    expect(store.getState().run).toBe(before);
    expect(store.getState().notices.map((n) => n.key)).toContain('error.shareLink');
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (s) => {
      const r = await decodeRealShare(s);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 200 });
    // A well-formed link whose session has a bad record names the JSON path.
    const session = sessionFromRun(runOf(realEchoTrace()));
    const bad = { ...session, trace: [...session.trace, { t: -1, type: 'state' }] };
    const enc = encodeRealShare(bad as typeof session, 0);
    if (!enc.ok) throw new Error('too large');
    const dec = await decodeRealShare(enc.data);
    expect(dec.ok).toBe(false);
    if (!dec.ok && dec.reason === 'session') expect(dec.error.path).toMatch(/^trace\[/);
  });
});
