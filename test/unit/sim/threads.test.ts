// Threads (spawn) and poll(): what the three server designs of the "many clients" lesson rest on.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim';
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';
import { returns } from './traceHelpers';

function run(s: unknown) {
  const v = parseScenario(s);
  if (!v.ok) throw new Error(v.error.message);
  return simulate(v.scenario);
}

const base = { format: 'socketlab-scenario/1', seed: 1 } as const;
const clients = (n: number) => Array.from({ length: n }, (_, i) => ({
  host: `c${i + 1}`, steps: [
    { op: 'sleep', ms: 10 + i }, { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 80 },
    { op: 'send', sock: 's', data: `from c${i + 1}` }, { op: 'recv', sock: 's', max: 100 }, { op: 'close', sock: 's' }] }));
const hosts = (n: number) => Object.fromEntries([['server', { ip: '10.0.0.100' }], ...Array.from({ length: n }, (_, i) => [`c${i + 1}`, { ip: `10.0.0.${i + 1}` }])]);

describe('spawn: a thread per connection', () => {
  it('the acceptor hands each connection to a new thread; both clients are served', () => {
    const s = {
      ...base, hosts: hosts(2),
      programs: [
        { host: 'server', steps: [
          { op: 'socket', type: 'stream', as: 'l' }, { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 5 },
          { op: 'accept', sock: 'l', as: 'a' }, { op: 'spawn', program: 1 },
          { op: 'accept', sock: 'l', as: 'b' }, { op: 'spawn', program: 2 }] },
        { host: 'server', start: 'spawn', steps: [{ op: 'recv', sock: 'a', max: 100 }, { op: 'send', sock: 'a', data: 'hi a' }, { op: 'close', sock: 'a' }] },
        { host: 'server', start: 'spawn', steps: [{ op: 'recv', sock: 'b', max: 100 }, { op: 'send', sock: 'b', data: 'hi b' }, { op: 'close', sock: 'b' }] },
        ...clients(2),
      ],
    };
    const r = run(s);
    expect(returns(r.trace, 'c1')).toContain('c1 recv → "hi a"');
    expect(returns(r.trace, 'c2')).toContain('c2 recv → "hi b"');
    // The spawned threads start only when spawned, not at time 0.
    const starts = r.trace.filter((x) => x.type === 'program' && x.event === 'start' && x.host === 'server').map((x) => x.t);
    expect(starts[0]).toBe(0);
    expect(starts.slice(1).every((t) => t > 0)).toBe(true);
  });

  it('a program with start "spawn" that nothing spawns is a validation error naming it', () => {
    const v = parseScenario({ ...base, hosts: { server: { ip: '10.0.0.1' } }, programs: [{ host: 'server', start: 'spawn', steps: [] }] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.path).toBe('programs[0].start');
  });
});

describe('poll: one thread, many sockets (an event loop)', () => {
  it('blocks until a listener has a connection or a socket has data, and reports which', () => {
    const s: unknown = {
      ...base, hosts: hosts(1),
      programs: [
        { host: 'server', steps: [
          { op: 'socket', type: 'stream', as: 'l' }, { op: 'setsockopt', sock: 'l', name: 'O_NONBLOCK', value: 1 },
          { op: 'bind', sock: 'l', port: 80 }, { op: 'listen', sock: 'l', backlog: 5 },
          { op: 'poll', socks: ['l'] }, { op: 'accept', sock: 'l', as: 'a' },
          { op: 'poll', socks: ['l', 'a'] }, { op: 'recv', sock: 'a', max: 100 }, { op: 'send', sock: 'a', data: 'ok' },
          { op: 'poll', socks: ['a'], timeout: 0 },
          { op: 'poll', socks: ['a'] }, { op: 'recv', sock: 'a', max: 100 }, { op: 'close', sock: 'a' }] },
        ...clients(1),
      ],
    };
    const r = run(s);
    const polls = r.trace.filter((x) => x.type === 'return' && x.op === 'poll').map((x) => x.type === 'return' && x.result);
    expect(polls).toEqual([{ ready: ['l'] }, { ready: ['a'] }, { ready: [] }, { ready: ['a'] }]);
    expect(returns(r.trace, 'server').slice(-3)).toEqual(['server poll → {"ready":["a"]}', 'server recv → ""', 'server close → 0']);
    expect(returns(r.trace, 'c1')).toContain('c1 recv → "ok"');
  });

  it('a timeout ends the wait with nothing ready', () => {
    const s = {
      ...base, hosts: { server: { ip: '10.0.0.1' } },
      programs: [{ host: 'server', steps: [
        { op: 'socket', type: 'dgram', as: 'u' }, { op: 'bind', sock: 'u', port: 9 }, { op: 'poll', socks: ['u'], timeout: 250 }] }],
    } satisfies Partial<Scenario> & Record<string, unknown>;
    const r = run(s);
    const ret = r.trace.find((x) => x.type === 'return' && x.op === 'poll');
    expect(ret).toMatchObject({ t: 250, result: { ready: [] } });
  });
});
