// The workbench's form model: scenario ↔ draft without loss, JSON built from typed fields, and
// every problem placed beside the field it concerns, with the typed text kept.
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../../src/scenarios/builtin';
import { LESSON_SCENARIOS } from '../../../src/scenarios/lessons';
import { parseScenario } from '../../../src/scenarios/schema';
import { candidateFromDraft, draftFromScenario, emptyDraft, newStep, uid } from '../../../src/workbench/draft';
import { fieldKey, validateDraft } from '../../../src/workbench/validateDraft';
import { describeProblem } from '../../../src/i18n/workbenchMessages';
import type { Draft } from '../../../src/workbench/draft';

describe('scenario → draft → scenario', () => {
  for (const { id, scenario } of [...BUILTIN_SCENARIOS, ...LESSON_SCENARIOS]) {
    it(`${id} comes back the same`, () => {
      const parsed = parseScenario(scenario);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const check = validateDraft(draftFromScenario(parsed.scenario));
      expect([...check.problems.entries()]).toEqual([]);
      expect(check.scenario).toEqual(parsed.scenario);
    });
  }
});

/** The echo pair built field by field, as the form does it. */
function echoDraft(): Draft {
  const d = emptyDraft();
  d.title = { plain: false, en: 'Echo', zh: '回显' };
  d.network.latency = '20';
  d.network.loss = '0.1';
  d.profile = 'rfc';
  d.hosts.push({ uid: uid(), name: 'server', ip: '10.0.0.2', extra: {} }, { uid: uid(), name: 'client', ip: '10.0.0.1', extra: {} });
  const srv = ['socket', 'bind', 'listen', 'accept', 'recv', 'send', 'close'].map((op) => newStep(op as never));
  srv[0].fields.as = 'ls';
  for (const s of srv.slice(1, 4)) s.fields.sock = 'ls';
  for (const s of srv.slice(4)) s.fields.sock = 'conn';
  srv[5].fields.data = 'pong';
  const cli = ['socket', 'connect', 'send', 'recv', 'close'].map((op) => newStep(op as never));
  for (const s of cli.slice(1)) s.fields.sock = 's';
  cli[2].fields['data.mode'] = 'bytes';
  cli[2].fields.data = '3000';
  d.programs.push({ uid: uid(), host: 'server', name: '', start: 'auto', steps: srv, extra: {} });
  d.programs.push({ uid: uid(), host: 'client', name: 'the client', start: 'auto', steps: cli, extra: {} });
  d.faults.push({ uid: uid(), action: 'drop', fields: { from: 'client', to: '', proto: '', flags: 'syn', payload: '', nth: '1', ms: '' }, extra: {} });
  return d;
}

describe('a scenario built through the form', () => {
  it('equals the one typed as JSON', () => {
    const typed = {
      format: 'socketlab-scenario/1', title: { en: 'Echo', 'zh-CN': '回显' }, seed: 1,
      network: { latency: 20, loss: 0.1 }, tcp: { profile: 'rfc' },
      hosts: { server: { ip: '10.0.0.2' }, client: { ip: '10.0.0.1' } },
      faults: [{ drop: { from: 'client', flags: ['SYN'], nth: 1 } }],
      programs: [
        { host: 'server', steps: [
          { op: 'socket', type: 'stream', as: 'ls' }, { op: 'bind', sock: 'ls', port: 7 }, { op: 'listen', sock: 'ls', backlog: 5 },
          { op: 'accept', sock: 'ls', as: 'conn' }, { op: 'recv', sock: 'conn', max: 1024 }, { op: 'send', sock: 'conn', data: 'pong' }, { op: 'close', sock: 'conn' }] },
        { host: 'client', name: 'the client', steps: [
          { op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 7 }, { op: 'send', sock: 's', data: { bytes: 3000 } },
          { op: 'recv', sock: 's', max: 1024 }, { op: 'close', sock: 's' }] },
      ],
    };
    const check = validateDraft(echoDraft());
    expect([...check.problems.keys()]).toEqual([]);
    const p = parseScenario(typed);
    expect(p.ok).toBe(true);
    expect(check.scenario).toEqual(p.ok && p.scenario);
  });
});

describe('problems beside their fields, text kept', () => {
  const problem = (d: Draft, key: string) => validateDraft(d).problems.get(key);

  it('a port that is not a number, or out of range', () => {
    const d = echoDraft();
    const bind = d.programs[0].steps[1];
    bind.fields.port = '80a';
    expect(problem(d, fieldKey.step(bind.uid, 'port'))).toEqual({ kind: 'number' });
    expect(bind.fields.port).toBe('80a');
    expect(validateDraft(d).scenario).toBeNull();
    bind.fields.port = '70000';
    expect(problem(d, fieldKey.step(bind.uid, 'port'))).toEqual({ kind: 'max', max: 65535 });
    bind.fields.port = '7.5';
    expect(problem(d, fieldKey.step(bind.uid, 'port'))).toEqual({ kind: 'integer' });
    bind.fields.port = '';
    expect(problem(d, fieldKey.step(bind.uid, 'port'))).toEqual({ kind: 'required' });
    expect(describeProblem({ kind: 'max', max: 65535 }, 'zh-CN')).toBe('至多为 65535。');
  });

  it('a socket no program of the host creates, named in the message', () => {
    const d = echoDraft();
    const recv = d.programs[0].steps[4];
    recv.fields.sock = 'nope';
    expect(problem(d, fieldKey.step(recv.uid, 'sock'))).toEqual({ kind: 'unknownSocket', name: 'nope', host: 'server' });
  });

  it('host names and addresses: format, duplicates, unknown hosts in programs and connect', () => {
    const d = echoDraft();
    d.hosts[1].ip = '10.0.0.2';
    expect(problem(d, fieldKey.host(d.hosts[1].uid, 'ip'))).toEqual({ kind: 'duplicateIp' });
    d.hosts[1].ip = '10.0.0.300';
    expect(problem(d, fieldKey.host(d.hosts[1].uid, 'ip'))).toEqual({ kind: 'format', field: 'ip' });
    d.hosts[1].ip = '10.0.0.1';
    d.programs[1].steps[1].fields.to = 'elsewhere';
    expect(problem(d, fieldKey.step(d.programs[1].steps[1].uid, 'to'))).toEqual({ kind: 'target', hosts: ['server', 'client'] });
    d.programs[1].steps[1].fields.to = 'server';
    d.programs[1].host = 'nobody';
    expect(problem(d, fieldKey.program(d.programs[1].uid, 'host'))).toEqual({ kind: 'unknownHost', hosts: ['server', 'client'] });
    d.programs[1].host = 'client';
    d.hosts.push({ uid: uid(), name: 'client', ip: '10.0.0.9', extra: {} });
    expect(problem(d, fieldKey.host(d.hosts[2].uid, 'name'))).toEqual({ kind: 'duplicateHost' });
  });

  it('enums, data, option values, network fields', () => {
    const d = echoDraft();
    d.programs[0].steps[0].fields.type = 'strem';
    expect(problem(d, fieldKey.step(d.programs[0].steps[0].uid, 'type'))).toEqual({ kind: 'oneOf', values: ['stream', 'dgram', 'raw'] });
    d.programs[0].steps[0].fields.type = 'stream';
    d.programs[1].steps[2].fields.data = 'lots';
    expect(problem(d, fieldKey.step(d.programs[1].steps[2].uid, 'data'))).toEqual({ kind: 'data' });
    d.programs[1].steps[2].fields.data = '3000';
    d.network.loss = '2';
    expect(problem(d, 'network.loss')).toEqual({ kind: 'max', max: 1 });
    d.network.loss = '';
    d.network.bandwidth = 'fast';
    expect(problem(d, 'network.bandwidth')).toEqual({ kind: 'bandwidth' });
  });

  it('an empty scenario asks for a host', () => {
    expect(validateDraft(emptyDraft()).problems.get('hosts')).toEqual({ kind: 'noHost' });
    expect(candidateFromDraft(emptyDraft())).toEqual({ format: 'socketlab-scenario/1', seed: 1, hosts: {}, programs: [] });
  });
});
