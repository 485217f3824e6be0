// @vitest-environment node
// A bad scenario is explained in the user's language: the schema reports a message key with
// parameters, the app renders it per language, the CLI keeps English (`message`).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, parseScenarioText, type ScenarioError } from '../../src/scenarios/schema';
import { schemaEn, schemaZhCN, isSchemaKey } from '../../src/i18n/schemaMessages';
import { translate, type Locale } from '../../src/i18n/i18n';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/builtin';

const echo = BUILTIN_SCENARIOS.find((b) => b.id === 'echo')!.scenario;
// Deliberately malformed scenarios: plain JSON we can break anywhere.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorOf(edit: (s: Json) => void): ScenarioError {
  const s = JSON.parse(JSON.stringify(echo));
  edit(s);
  const r = parseScenario(s);
  if (r.ok) throw new Error('expected an invalid scenario');
  return r.error;
}

/** What the file-open notice says (the app's `error.file` with the problem's key as `expected`). */
function notice(locale: Locale, e: ScenarioError): string {
  const params = { path: e.path, ...e.problem.params };
  return translate(locale, 'error.file', { ...params, expected: translate(locale, e.problem.key, params) });
}

const cases: Array<[string, (s: Json) => void, string, string, string]> = [
  ['missing field', (s) => { delete s.seed; }, 'seed', 'a number (it is missing)', '数字（此项缺失）'],
  ['wrong type', (s) => { s.seed = 'one'; }, 'seed', 'a number', '数字'],
  ['not an integer', (s) => { s.seed = 1.5; }, 'seed', 'an integer seed from 0 to 4294967295', '介于 0 和 4294967295 之间的整数种子'],
  ['out of range', (s) => { s.programs[0].steps[1].port = 70000; }, 'programs[0].steps[1].port', 'a port from 0 to 65535', '介于 0 和 65535 之间的端口号'],
  ['out of range (default bound)', (s) => { s.programs[0].name = 'x'.repeat(70); }, 'programs[0].name', 'at most 64 characters', '至多 64 个字符'],
  ['unknown op', (s) => { s.programs[0].steps[0].op = 'frob'; }, 'programs[0].steps[0].op',
    'a known "op": "socket", "bind", "listen", "accept", "connect", "send", "recv", "sendto", "recvfrom", "shutdown", "close", "setsockopt", "sleep", "spawn", "poll"',
    '已知的 "op" 值："socket", "bind", "listen", "accept", "connect", "send", "recv", "sendto", "recvfrom", "shutdown", "close", "setsockopt", "sleep", "spawn", "poll"'],
  ['bad enum', (s) => { s.programs[0].steps[0].type = 'seqpacket'; }, 'programs[0].steps[0].type', 'one of "stream", "dgram", "raw"', '以下之一："stream", "dgram", "raw"'],
  ['unknown key', (s) => { s.netwrk = {}; }, 'netwrk', 'no key "netwrk" (not part of the format)', '不含键 "netwrk"（它不属于该格式）'],
  ['bad format', (s) => { s.hosts.client.ip = '1.2.3'; }, 'hosts.client.ip', 'a dotted IPv4 address such as 10.0.0.1', '点分十进制的 IPv4 地址，例如 10.0.0.1'],
  ['wrong version', (s) => { s.format = 'socketlab-scenario/9'; }, 'format', 'exactly "socketlab-scenario/1"', '恰好为 "socketlab-scenario/1"'],
  ['unknown socket (cross-field)', (s) => { s.programs[0].steps[1].sock = 'nope'; }, 'programs[0].steps[1].sock',
    'a socket created on host "server" with "as" (none is named "nope")', '在主机 "server" 上用 "as" 创建的套接字（没有名为 "nope" 的套接字）'],
  ['unknown host (cross-field)', (s) => { s.programs[0].host = 'nobody'; }, 'programs[0].host', 'one of the hosts (client, server)', '已定义的主机之一（client, server）'],
  ['bad union', (s) => { s.programs[1].steps.find((x: Json) => x.op === 'send').data = 5; }, 'programs[1].steps[3].data',
    'a string, or { "bytes": N } for filler bytes', '字符串，或表示填充字节的 { "bytes": N }'],
];

describe('scenario validation messages', () => {
  for (const [what, edit, path, en, zh] of cases) {
    it(`${what}: the path, and what was expected in English and Chinese`, () => {
      const e = errorOf(edit);
      expect(e.path).toBe(path);
      expect(translate('en', e.problem.key, e.problem.params)).toBe(en);
      expect(translate('zh-CN', e.problem.key, e.problem.params)).toBe(zh);
      // The CLI's one line stays English.
      expect(e.message).toBe(`${path}: expected ${en}`);
      expect(e.expected).toBe(en);
    });
  }

  it('the zh-CN notice has no English words left in it (only JSON names and values)', () => {
    for (const [, edit] of cases) {
      const e = errorOf(edit);
      const text = notice('zh-CN', e);
      expect(text).not.toMatch(/expected|missing|Invalid|received|one of|at most/i);
      // Strip what is legitimately Latin: the JSON path, quoted names/values, protocol words.
      const rest = text.replace(e.path, '').replace(/"[^"]*"/g, '').replace(/\b(IPv4|JSON|MSS|MTU|Linux|null|true|false|backlog|nth|client|server|N)\b/g, '');
      expect(rest, text).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('the English notice reads as one sentence with the path', () => {
    const e = errorOf((s) => { delete s.seed; });
    expect(notice('en', e)).toBe('This file is not a valid scenario: at seed, expected a number (it is missing). Nothing was changed.');
    expect(notice('zh-CN', e)).toBe('这个文件不是有效的场景：在 seed 处，应为数字（此项缺失）。没有做任何改动。');
  });

  it('broken JSON says where, in both languages', () => {
    const r = parseScenarioText('{"format": "socketlab-scenario/1",, }');
    if (r.ok) throw new Error('expected an error');
    expect(r.error.path).toBe('(root)');
    expect(r.error.message).toMatch(/^\(root\): expected valid JSON/);
    const zh = translate('zh-CN', r.error.problem.key, r.error.problem.params);
    expect(zh).toMatch(/^有效的 JSON/);
    if (r.error.problem.key === 'schema.jsonAt') expect(zh).toMatch(/第 \d+ 个字符附近/);
  });

  it('every custom message in the schema is a message key, and both tables have the same keys and parameters', () => {
    const src = readFileSync('src/scenarios/schema.ts', 'utf8');
    const used = [...src.matchAll(/'(schema\.[\w.]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(20);
    for (const k of used) expect(isSchemaKey(k), k).toBe(true);
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(schemaEn) as Array<keyof typeof schemaEn>) {
      expect(params(schemaZhCN[k]), k).toEqual(params(schemaEn[k]));
      // Chinese sentences start with a Chinese word (no Latin glued to "应为").
      expect(schemaZhCN[k], k).toMatch(/^[\u4e00-\u9fff]/);
    }
  });
});
