// Anchors find moments in a trace by what happened, never by index.
import { describe, expect, it } from 'vitest';
import { anchorIndex, describeAnchor, resolveAnchor, resolveScenarioRef, TraceView, Unresolved } from '../../../src/lessons';
import { run } from './lessonRuns';

const echo = resolveScenarioRef({ builtin: 'echo' });
const { trace } = run(echo);

describe('resolveAnchor', () => {
  it('finds the nth record of a kind, from a host, with given flags', () => {
    const i = anchorIndex({ type: 'segment', from: 'client', flags: ['SYN'] }, trace)!;
    const r = trace[i];
    expect(r.type === 'segment' && r.flags).toEqual(['SYN']);
    const j = anchorIndex({ type: 'segment', event: 'deliver', to: 'server', payload: true, nth: 1 }, trace)!;
    const d = trace[j];
    expect(d.type === 'segment' && d.event === 'deliver' && d.to === 'server' && d.len > 0).toBe(true);
    // Every earlier record is something else.
    expect(trace.slice(0, j).some((x) => x.type === 'segment' && x.event === 'deliver' && x.to === 'server' && x.len > 0)).toBe(false);
  });

  it('`exact` flags exclude segments with more flags; flags are a subset otherwise; `event` defaults to send', () => {
    // Segments sent carrying SYN: the client's SYN, then the server's SYN+ACK.
    const second = trace[anchorIndex({ type: 'segment', flags: ['SYN'], nth: 2 }, trace)!];
    expect(second.type === 'segment' && second.event === 'send' && second.flags.includes('ACK')).toBe(true);
    expect(anchorIndex({ type: 'segment', flags: ['SYN'], exact: true, nth: 2 }, trace)).toBeNull();
    const delivered = trace[anchorIndex({ type: 'segment', event: 'deliver', flags: ['SYN'], exact: true }, trace)!];
    expect(delivered.type === 'segment' && delivered.event === 'deliver' && delivered.flags).toEqual(['SYN']);
  });

  it('`after` searches after another moment; `last` takes the last match', () => {
    const close = anchorIndex({ type: 'call', host: 'client', op: 'close' }, trace)!;
    const fin = anchorIndex({ type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'close' } }, trace)!;
    expect(fin).toBeGreaterThan(close);
    const last = anchorIndex({ type: 'state', last: true }, trace)!;
    expect(trace.slice(last + 1).some((r) => r.type === 'state')).toBe(false);
  });

  it('`before` keeps the record but says the cursor stops ahead of it; start and end', () => {
    expect(resolveAnchor({ type: 'return', host: 'server', op: 'accept', before: true }, trace)).toEqual({ index: anchorIndex({ type: 'return', host: 'server', op: 'accept' }, trace), before: true });
    expect(resolveAnchor({ type: 'start' }, trace)).toEqual({ index: 0, before: true });
    expect(resolveAnchor({ type: 'end' }, trace)).toEqual({ index: trace.length - 1, before: false });
  });

  it('gives null for moments the run does not have, and for nonsense', () => {
    expect(resolveAnchor({ type: 'segment', flags: ['RST'] }, trace)).toBeNull();
    expect(resolveAnchor({ type: 'call', op: 'connect', nth: 2 }, trace)).toBeNull();
    expect(resolveAnchor({ type: 'call', op: 'connect', nth: 0 }, trace)).toBeNull();
    expect(resolveAnchor({ type: 'segment', after: { type: 'segment', flags: ['RST'] } }, trace)).toBeNull();
    expect(resolveAnchor({ type: 'end' }, [])).toBeNull();
    expect(() => new TraceView(echo, trace).at({ type: 'segment', flags: ['RST'] })).toThrow(Unresolved);
  });

  it('the same anchor follows the run when the network changes', () => {
    const slow = run({ ...echo, network: { latency: 40 } }).trace;
    const a = { type: 'return', host: 'client', op: 'connect' } as const;
    expect(trace[anchorIndex(a, trace)!].t).toBe(30);
    expect(slow[anchorIndex(a, slow)!].t).toBe(10 + 2 * 40);
  });
});

describe('describeAnchor', () => {
  it('says what the moment is in both languages', () => {
    expect(describeAnchor({ type: 'segment', event: 'deliver', to: 'server', nth: 2 }).en).toBe('the 2nd segment delivered to server');
    expect(describeAnchor({ type: 'return', host: 'client', op: 'connect' }).en).toBe('the first return of connect() on client');
    expect(describeAnchor({ type: 'segment', event: 'deliver', to: 'server', nth: 2 })['zh-CN']).toBe('发往 server 的第 2 个送达的报文段');
  });
});
