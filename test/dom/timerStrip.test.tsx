// The RTO bar's times: a backoff multiplier only where the span really doubled (Linux retries a
// SYN at a steady 1 s at first: tcp_syn_linear_timeouts), else the span alone.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim';
import { backoffFactor, createTimeline, type TimerView } from '../../src/timeline';
import type { Scenario } from '../../src/scenarios/schema';
import { StageDriver } from './StageDriver';

const lostSyns = (profile: 'linux' | 'rfc'): Scenario => ({
  format: 'socketlab-scenario/1', seed: 1, network: { latency: 10 }, tcp: { profile },
  hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
  faults: [1, 2, 3].map((nth) => ({ drop: { from: 'client', flags: ['SYN'], nth } })),
  programs: [
    { host: 'server', steps: [
      { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 80 },
      { op: 'listen', sock: 'ls', backlog: 5 }, { op: 'accept', sock: 'ls', as: 'c' },
    ] },
    { host: 'client', steps: [
      { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
    ] },
  ],
});

/** Every backed-off RTO timer of the run, once each, with its multiplier. */
function backedOff(profile: 'linux' | 'rfc') {
  const tl = createTimeline(simulate(lostSyns(profile)).trace);
  const seen = new Map<number, { tm: TimerView; factor: number | null }>();
  for (let c = 0; c <= tl.length; c++) {
    for (const tm of tl.viewAt(c).timers) if (tm.timer === 'rto' && tm.backoff > 0) seen.set(tm.setRec, { tm, factor: backoffFactor(tl.trace, tm.setRec) });
  }
  return [...seen.values()];
}

describe('RTO backoff multiplier', () => {
  it('linux: the first SYN retries wait 1 s each, so no ×2^backoff is claimed', () => {
    const timers = backedOff('linux');
    expect(timers.map((x) => x.tm.backoff)).toEqual([1, 2, 3]);
    for (const { tm, factor } of timers) {
      expect(tm.at - tm.setT).toBe(1000);
      expect(factor).toBeNull();
    }
  });

  it('rfc: the SYN timeout doubles, and the multiplier says so', () => {
    const timers = backedOff('rfc');
    expect(timers.map((x) => x.factor)).toEqual([2, 4, 8]);
  });

  it('the timer bar shows the span alone under linux', async () => {
    const d = await StageDriver.mount({ runner: async (s) => simulate(s), scenario: lostSyns('linux'), key: 'lost-syns' });
    const titles: string[] = [];
    let backoffs = 0;
    for (let i = 0; i < d.state.run!.timeline.length; i++) {
      d.key('ArrowRight');
      if (d.state.view!.timers.some((tm) => tm.timer === 'rto' && tm.backoff >= 2)) backoffs++;
      for (const el of document.querySelectorAll('.timer-rto')) titles.push(el.getAttribute('title') ?? '');
    }
    expect(backoffs).toBeGreaterThan(0);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t) => t.includes('×'))).toEqual([]);
    expect(titles.some((t) => t.includes('/ 1 s'))).toBe(true);
    d.ui.unmount();
  });
});
