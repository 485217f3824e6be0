// The scenario format (shared/spec/scenario-and-trace.md), validated with zod. A bad scenario
// yields a ScenarioError naming the JSON path and what was expected — never a crash or a default
// silently standing in for a typo (objects are strict: unknown keys are errors). What was expected
// is a message key with parameters (src/i18n/schemaMessages.ts), so the app can say it in the
// user's language; custom zod messages below are such keys.
import { z } from 'zod';
import { isSchemaKey, schemaTextEn, type SchemaKey } from '../i18n/schemaMessages';

export const SCENARIO_FORMAT = 'socketlab-scenario/1';

const ipv4 = z.string().regex(
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
  'schema.ipv4',
);
const hostName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'schema.hostName');
const sockName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'schema.sockName');
const port = z.number().int('schema.port').min(0, 'schema.port').max(65535, 'schema.port');
const prob = z.number().min(0, 'schema.probability').max(1, 'schema.probability');
const ms = z.number().min(0, 'schema.msMin').max(86_400_000, 'schema.msMax');
const localized = z.union([z.string(), z.strictObject({ en: z.string(), 'zh-CN': z.string() })], 'schema.localized');

export const MAX_FILLER_BYTES = 64 * 1024 * 1024;
const data = z.union([
  z.string().max(1_000_000, 'schema.dataLength'),
  z.strictObject({ bytes: z.number().int('schema.fillerBytes').min(0, 'schema.fillerBytes').max(MAX_FILLER_BYTES, 'schema.fillerBytes') }),
], 'schema.data');

export const FLAG_NAMES = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG'] as const;

const common = {
  expect: z.literal('ok').optional(),
  comment: localized.optional(),
};

export const stepSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('socket'), type: z.enum(['stream', 'dgram', 'raw']), as: sockName, ...common }),
  z.strictObject({ op: z.literal('bind'), sock: sockName, port, ip: ipv4.optional(), ...common }),
  z.strictObject({ op: z.literal('listen'), sock: sockName, backlog: z.number().int('schema.backlog').min(0, 'schema.backlog').max(4096, 'schema.backlog'), ...common }),
  z.strictObject({ op: z.literal('accept'), sock: sockName, as: sockName, ...common }),
  z.strictObject({ op: z.literal('connect'), sock: sockName, to: z.string().min(1, 'schema.target'), port, ...common }),
  z.strictObject({ op: z.literal('send'), sock: sockName, data, ...common }),
  z.strictObject({ op: z.literal('recv'), sock: sockName, max: z.number().int().min(0).max(MAX_FILLER_BYTES), until: z.literal('eof').optional(), ...common }),
  z.strictObject({ op: z.literal('sendto'), sock: sockName, to: z.string().min(1, 'schema.target'), port, data, ...common }),
  z.strictObject({ op: z.literal('recvfrom'), sock: sockName, max: z.number().int().min(0).max(MAX_FILLER_BYTES), ...common }),
  z.strictObject({ op: z.literal('shutdown'), sock: sockName, how: z.enum(['rd', 'wr', 'rdwr']), ...common }),
  z.strictObject({ op: z.literal('close'), sock: sockName, ...common }),
  z.strictObject({
    op: z.literal('setsockopt'), sock: sockName,
    name: z.enum(['SO_REUSEADDR', 'SO_LINGER', 'SO_RCVBUF', 'SO_SNDBUF', 'TCP_NODELAY', 'O_NONBLOCK', 'SO_KEEPALIVE']),
    value: z.union([z.number().int().min(0).max(1 << 30), z.boolean()]),
    ...common,
  }),
  z.strictObject({ op: z.literal('sleep'), ms, ...common }),
  // Start another program of this host as a new thread (pthread_create), e.g. one per connection.
  z.strictObject({ op: z.literal('spawn'), program: z.number().int().min(0), ...common }),
  // Wait until at least one socket is readable (data, EOF, error, or a connection to accept), as
  // poll()/select() do; `timeout` in ms (absent: wait forever; 0: just check).
  z.strictObject({ op: z.literal('poll'), socks: z.array(sockName).min(1, 'schema.pollSocks').max(64, 'schema.pollSocks'), timeout: ms.optional(), ...common }),
]);

export const tcpOptionsSchema = z.strictObject({
  profile: z.enum(['linux', 'rfc']).optional(),
  mss: z.number().int('schema.mss').min(88, 'schema.mss').max(65495, 'schema.mss').optional(),
  rcvbuf: z.number().int().min(1).max(1 << 30).optional(),
  sndbuf: z.number().int().min(1).max(1 << 30).optional(),
  rtoInitial: ms.optional(),
  rtoMin: ms.optional(),
  rtoMax: ms.optional(),
  rtoFloor: z.enum(['rto', 'variance']).optional(),
  synRetries: z.number().int().min(0).max(127).optional(),
  synAckRetries: z.number().int().min(0).max(127).optional(),
  retries: z.number().int().min(0).max(127).optional(),
  msl: ms.optional(),
  nagle: z.boolean().optional(),
  nagleVariant: z.enum(['rfc896', 'minshall']).optional(),
  delayedAck: z.boolean().optional(),
  delayedAckMs: ms.optional(),
  quickAck: z.boolean().optional(),
  initialCwnd: z.number().int().min(1).max(1000).optional(),
  congestion: z.enum(['reno', 'newreno']).optional(),
  windowScale: z.union([z.literal('auto'), z.number().int().min(0).max(14)]).optional(),
  zeroWindowProbe: z.enum(['data', 'ack']).optional(),
  acceptQueue: z.enum(['n', 'n+1']).optional(),
  synQueue: z.union([z.literal('backlog'), z.number().int().min(1).max(65535)]).optional(),
  synOverflow: z.enum(['drop', 'rst']).optional(),
  finTimeout: z.union([ms, z.null()]).optional(),
  icmpInSynSent: z.enum(['soft', 'abort']).optional(),
  udpIcmpErrors: z.enum(['all', 'connected']).optional(),
  synLinearTimeouts: z.number().int().min(0).max(127).optional(),
  rfc5961: z.boolean().optional(),
  oldSegmentAck: z.enum(['rfc', 'last']).optional(),
});

const linkSchema = z.strictObject({
  latency: ms.optional(),
  jitter: ms.optional(),
  loss: prob.optional(),
  duplicate: prob.optional(),
  reorder: prob.optional(),
  bandwidth: z.union([z.number().positive('schema.bandwidth'), z.null()], 'schema.bandwidth').optional(),
  mtu: z.number().int('schema.mtu').min(68, 'schema.mtu').max(65536, 'schema.mtu').optional(),
});

const matcher = {
  from: hostName.optional(),
  to: hostName.optional(),
  proto: z.enum(['tcp', 'udp', 'icmp']).optional(),
  flags: z.array(z.enum(FLAG_NAMES)).optional(),
  payload: z.boolean().optional(),
  nth: z.number().int('schema.nth').min(1, 'schema.nth').optional(),
  id: z.number().int().min(1).optional(),
};

export const faultSchema = z.union([
  z.strictObject({ drop: z.strictObject(matcher) }),
  z.strictObject({ duplicate: z.strictObject(matcher) }),
  z.strictObject({ delay: z.strictObject({ ...matcher, ms }) }),
]);

export const programSchema = z.strictObject({
  host: hostName,
  name: z.string().max(64).optional(),
  /** 'auto' (default): the thread starts at time 0; 'spawn': another program starts it with a spawn step. */
  start: z.enum(['auto', 'spawn']).optional(),
  steps: z.array(stepSchema).max(10_000),
});

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  title: localized.optional(),
  description: localized.optional(),
  seed: z.number().int('schema.seed').min(0, 'schema.seed').max(0xffffffff, 'schema.seed'),
  until: ms.optional(),
  network: linkSchema.extend({
    links: z.array(linkSchema.extend({ from: hostName, to: hostName })).optional(),
  }).optional(),
  tcp: tcpOptionsSchema.optional(),
  hosts: z.record(hostName, z.strictObject({ ip: ipv4, tcp: tcpOptionsSchema.optional() })),
  faults: z.array(faultSchema).optional(),
  programs: z.array(programSchema),
}).superRefine((s, ctx) => {
  const names = Object.keys(s.hosts);
  const hosts = names.join(', ');
  if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['hosts'], message: 'schema.noHost' });
  const ips = new Map<string, string>();
  for (const [name, h] of Object.entries(s.hosts)) {
    if (ips.has(h.ip)) ctx.addIssue({ code: 'custom', path: ['hosts', name, 'ip'], message: 'schema.ipUsed', params: { host: ips.get(h.ip)! } });
    ips.set(h.ip, name);
  }
  const isTarget = (to: string) => names.includes(to) || ipv4.safeParse(to).success;
  const socketsByHost = new Map<string, Set<string>>();
  for (const p of s.programs) {
    const set = socketsByHost.get(p.host) ?? new Set<string>();
    for (const st of p.steps) if ('as' in st && st.as) set.add(st.as);
    socketsByHost.set(p.host, set);
  }
  s.programs.forEach((p, pi) => {
    if (!names.includes(p.host)) {
      ctx.addIssue({ code: 'custom', path: ['programs', pi, 'host'], message: 'schema.hostOf', params: { hosts } });
      return;
    }
    const known = socketsByHost.get(p.host)!;
    p.steps.forEach((st, si) => {
      if ('sock' in st && !known.has(st.sock)) {
        ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'sock'], message: 'schema.sockOf', params: { host: p.host, name: st.sock } });
      }
      if (st.op === 'poll') {
        st.socks.forEach((name, ni) => {
          if (!known.has(name)) ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'socks', ni], message: 'schema.sockOf', params: { host: p.host, name } });
        });
      }
      if (st.op === 'spawn') {
        const target = s.programs[st.program];
        if (!target || target.host !== p.host || target.start !== 'spawn') {
          ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'program'], message: 'schema.spawnTarget', params: { host: p.host } });
        }
      }
      if ((st.op === 'connect' || st.op === 'sendto') && !isTarget(st.to)) {
        ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'to'], message: 'schema.targetOf', params: { hosts } });
      }
    });
  });
  s.programs.forEach((p, pi) => {
    if (p.start !== 'spawn') return;
    const spawners = s.programs.flatMap((q) => q.steps.filter((st) => st.op === 'spawn' && st.program === pi));
    if (spawners.length !== 1) ctx.addIssue({ code: 'custom', path: ['programs', pi, 'start'], message: 'schema.spawnedOnce', params: { count: spawners.length } });
  });
  (s.faults ?? []).forEach((f, fi) => {
    const m = 'drop' in f ? f.drop : 'duplicate' in f ? f.duplicate : f.delay;
    const key = 'drop' in f ? 'drop' : 'duplicate' in f ? 'duplicate' : 'delay';
    for (const end of ['from', 'to'] as const) {
      const h = m[end];
      if (h !== undefined && !names.includes(h)) ctx.addIssue({ code: 'custom', path: ['faults', fi, key, end], message: 'schema.hostOf', params: { hosts } });
    }
  });
  (s.network?.links ?? []).forEach((l, li) => {
    for (const end of ['from', 'to'] as const) {
      if (!names.includes(l[end])) ctx.addIssue({ code: 'custom', path: ['network', 'links', li, end], message: 'schema.hostOf', params: { hosts } });
    }
  });
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Step = z.infer<typeof stepSchema>;
export type StepOp = Step['op'];
export type TcpOptionsInput = z.infer<typeof tcpOptionsSchema>;
export type Fault = z.infer<typeof faultSchema>;
export type LinkParams = z.infer<typeof linkSchema>;
export type Localized = z.infer<typeof localized>;
export type DataSpec = z.infer<typeof data>;

/** What a field expects: a message key (src/i18n/schemaMessages.ts) and its parameters. */
export interface SchemaProblem {
  key: SchemaKey;
  params: Record<string, string | number>;
}

/** A validation failure: where (JSON path, e.g. `programs[0].steps[2].port`) and what was expected. */
export interface ScenarioError {
  path: string;
  /** What was expected, to render in the user's language (`t(problem.key, problem.params)`). */
  problem: SchemaProblem;
  /** The same in English (CLI, logs). */
  expected: string;
  /** One line, English: `<path>: expected <what>`. */
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += (out ? '.' : '') + seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(root)';
}

const TYPE_NAMES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array']);
const quoted = (xs: readonly unknown[]) => xs.map((v) => JSON.stringify(v)).join(', ');

/** The key and parameters saying what an issue's field expects. */
export function describeIssue(issue: z.core.$ZodIssue): SchemaProblem {
  // Our own messages are keys; the issue supplies the numbers they may mention.
  if (isSchemaKey(issue.message)) {
    const params: Record<string, string | number> = {};
    if (issue.code === 'custom' && issue.params) {
      for (const [k, v] of Object.entries(issue.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    if (issue.message === 'schema.fillerBytes') params.max = MAX_FILLER_BYTES;
    return { key: issue.message, params };
  }
  switch (issue.code) {
    case 'invalid_type': {
      // A record is an object to whoever writes the JSON.
      const type = issue.expected === 'record' ? 'object' : issue.expected;
      const known = TYPE_NAMES.has(type);
      const key = `schema.${issue.input === undefined ? 'missing' : 'type'}.${known ? type : 'other'}` as SchemaKey;
      return { key, params: known ? {} : { type } };
    }
    case 'unrecognized_keys':
      return { key: 'schema.unknownKey', params: { keys: quoted(issue.keys) } };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
        return { key: 'schema.discriminator', params: { key: String(issue.discriminator), values: quoted(options) } };
      }
      return { key: 'schema.union', params: {} };
    case 'invalid_value':
      return issue.values.length === 1
        ? { key: 'schema.literal', params: { value: JSON.stringify(issue.values[0]) } }
        : { key: 'schema.oneOf', params: { values: quoted(issue.values) } };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'schema.minItems', params: { min } };
      if (issue.origin === 'string') return { key: 'schema.minLength', params: { min } };
      return { key: issue.inclusive === false ? 'schema.above' : 'schema.min', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'schema.maxItems', params: { max } };
      if (issue.origin === 'string') return { key: 'schema.maxLength', params: { max } };
      return { key: issue.inclusive === false ? 'schema.below' : 'schema.max', params: { max } };
    }
    case 'invalid_format':
      return { key: 'schema.format', params: {} };
    default:
      return { key: 'schema.other', params: {} };
  }
}

function scenarioError(path: string, problem: SchemaProblem, detail?: string): ScenarioError {
  const expected = schemaTextEn(problem.key, problem.params);
  return { path, problem, expected, message: `${path}: expected ${expected}${detail ? ` (${detail})` : ''}` };
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

/** Validate untrusted JSON (already parsed) as a scenario. */
export function parseScenario(input: unknown): ParseResult {
  // reportInput: a wrong value and a missing one are told apart by the issue's input.
  const r = scenarioSchema.safeParse(input, { reportInput: true });
  if (r.success) return { ok: true, scenario: r.data };
  const issue = pickIssue(r.error.issues);
  let path = issue.path;
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path = [...path, issue.keys[0]];
  return { ok: false, error: scenarioError(formatPath(path), describeIssue(issue)) };
}

/** Validate a JSON text; a syntax error is reported with its position when the engine gives one. */
export function parseScenarioText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const problem: SchemaProblem = pos ? { key: 'schema.jsonAt', params: { pos: Number(pos[1]) + 1 } } : { key: 'schema.json', params: {} };
    return { ok: false, error: scenarioError('(root)', problem, msg) };
  }
  return parseScenario(json);
}

/** The deepest issue is the most specific one (a bad port, not "invalid union" at the step). */
function pickIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0];
  for (const i of issues) if (i.path.length > best.path.length) best = i;
  return best;
}
