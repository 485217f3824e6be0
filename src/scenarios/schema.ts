// The scenario format (shared/spec/scenario-and-trace.md), validated with zod. A bad scenario
// yields a ScenarioError naming the JSON path and what was expected — never a crash or a default
// silently standing in for a typo (objects are strict: unknown keys are errors).
import { z } from 'zod';

export const SCENARIO_FORMAT = 'socketlab-scenario/1';

const ipv4 = z.string().regex(
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
  'a dotted IPv4 address such as 10.0.0.1',
);
const hostName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'a host name: a letter, then letters, digits, _ or - (at most 32)');
const sockName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'a socket name: a letter or _, then letters, digits or _ (at most 32)');
const port = z.number().int('an integer port').min(0, 'a port from 0 to 65535').max(65535, 'a port from 0 to 65535');
const prob = z.number().min(0, 'a probability from 0 to 1').max(1, 'a probability from 0 to 1');
const ms = z.number().min(0, 'a duration in ms, 0 or more').max(86_400_000, 'a duration of at most one day (86400000 ms)');
const localized = z.union([z.string(), z.strictObject({ en: z.string(), 'zh-CN': z.string() })]);

export const MAX_FILLER_BYTES = 64 * 1024 * 1024;
const data = z.union([
  z.string().max(1_000_000, 'a string of at most 1,000,000 characters'),
  z.strictObject({ bytes: z.number().int().min(0).max(MAX_FILLER_BYTES, `at most ${MAX_FILLER_BYTES} filler bytes`) }),
]);

export const FLAG_NAMES = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG'] as const;

const common = {
  expect: z.literal('ok').optional(),
  comment: localized.optional(),
};

export const stepSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('socket'), type: z.enum(['stream', 'dgram']), as: sockName, ...common }),
  z.strictObject({ op: z.literal('bind'), sock: sockName, port, ip: ipv4.optional(), ...common }),
  z.strictObject({ op: z.literal('listen'), sock: sockName, backlog: z.number().int().min(0).max(4096, 'a backlog of at most 4096'), ...common }),
  z.strictObject({ op: z.literal('accept'), sock: sockName, as: sockName, ...common }),
  z.strictObject({ op: z.literal('connect'), sock: sockName, to: z.string().min(1, 'a host name or IPv4 address'), port, ...common }),
  z.strictObject({ op: z.literal('send'), sock: sockName, data, ...common }),
  z.strictObject({ op: z.literal('recv'), sock: sockName, max: z.number().int().min(0).max(MAX_FILLER_BYTES), until: z.literal('eof').optional(), ...common }),
  z.strictObject({ op: z.literal('sendto'), sock: sockName, to: z.string().min(1, 'a host name or IPv4 address'), port, data, ...common }),
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
  z.strictObject({ op: z.literal('poll'), socks: z.array(sockName).min(1, 'at least one socket').max(64, 'at most 64 sockets'), timeout: ms.optional(), ...common }),
]);

export const tcpOptionsSchema = z.strictObject({
  profile: z.enum(['linux', 'rfc']).optional(),
  mss: z.number().int().min(88, 'an MSS of at least 88').max(65495, 'an MSS of at most 65495').optional(),
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
  bandwidth: z.union([z.number().positive('a bandwidth in bytes per second above 0'), z.null()]).optional(),
  mtu: z.number().int().min(68, 'an MTU of at least 68').max(65536, 'an MTU of at most 65536 (Linux loopback)').optional(),
});

const matcher = {
  from: hostName.optional(),
  to: hostName.optional(),
  proto: z.enum(['tcp', 'udp', 'icmp']).optional(),
  flags: z.array(z.enum(FLAG_NAMES)).optional(),
  payload: z.boolean().optional(),
  nth: z.number().int().min(1, 'nth counts from 1').optional(),
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
  format: z.literal(SCENARIO_FORMAT, `"${SCENARIO_FORMAT}"`),
  title: localized.optional(),
  description: localized.optional(),
  seed: z.number().int('an integer seed').min(0).max(0xffffffff),
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
  if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['hosts'], message: 'at least one host' });
  const ips = new Map<string, string>();
  for (const [name, h] of Object.entries(s.hosts)) {
    if (ips.has(h.ip)) ctx.addIssue({ code: 'custom', path: ['hosts', name, 'ip'], message: `an address not already used by host "${ips.get(h.ip)}"` });
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
      ctx.addIssue({ code: 'custom', path: ['programs', pi, 'host'], message: `one of the hosts (${names.join(', ')})` });
      return;
    }
    const known = socketsByHost.get(p.host)!;
    p.steps.forEach((st, si) => {
      if ('sock' in st && !known.has(st.sock)) {
        ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'sock'], message: `a socket created on host "${p.host}" with "as" (none is named "${st.sock}")` });
      }
      if (st.op === 'poll') {
        st.socks.forEach((name, ni) => {
          if (!known.has(name)) ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'socks', ni], message: `a socket created on host "${p.host}" with "as" (none is named "${name}")` });
        });
      }
      if (st.op === 'spawn') {
        const target = s.programs[st.program];
        if (!target || target.host !== p.host || target.start !== 'spawn') {
          ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'program'], message: `the index of a program on host "${p.host}" with "start": "spawn"` });
        }
      }
      if ((st.op === 'connect' || st.op === 'sendto') && !isTarget(st.to)) {
        ctx.addIssue({ code: 'custom', path: ['programs', pi, 'steps', si, 'to'], message: `a host name (${names.join(', ')}) or an IPv4 address` });
      }
    });
  });
  s.programs.forEach((p, pi) => {
    if (p.start !== 'spawn') return;
    const spawners = s.programs.flatMap((q) => q.steps.filter((st) => st.op === 'spawn' && st.program === pi));
    if (spawners.length !== 1) ctx.addIssue({ code: 'custom', path: ['programs', pi, 'start'], message: `a program that exactly one "spawn" step starts (${spawners.length} do)` });
  });
  (s.faults ?? []).forEach((f, fi) => {
    const m = 'drop' in f ? f.drop : 'duplicate' in f ? f.duplicate : f.delay;
    const key = 'drop' in f ? 'drop' : 'duplicate' in f ? 'duplicate' : 'delay';
    for (const end of ['from', 'to'] as const) {
      const h = m[end];
      if (h !== undefined && !names.includes(h)) ctx.addIssue({ code: 'custom', path: ['faults', fi, key, end], message: `one of the hosts (${names.join(', ')})` });
    }
  });
  (s.network?.links ?? []).forEach((l, li) => {
    for (const end of ['from', 'to'] as const) {
      if (!names.includes(l[end])) ctx.addIssue({ code: 'custom', path: ['network', 'links', li, end], message: `one of the hosts (${names.join(', ')})` });
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

/** A validation failure: where (JSON path, e.g. `programs[0].steps[2].port`) and what was expected. */
export interface ScenarioError {
  path: string;
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

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${issue.expected} (it is missing)` : `${issue.expected}`;
    case 'unrecognized_keys':
      return `no key ${issue.keys.map((k) => `"${k}"`).join(', ')} (not part of the format)`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) return `a known "${String(issue.discriminator)}"`;
      return issue.message.replace(/^Invalid input.*$/, 'one of the allowed forms');
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

/** Validate untrusted JSON (already parsed) as a scenario. */
export function parseScenario(input: unknown): ParseResult {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return { ok: true, scenario: r.data };
  const issue = pickIssue(r.error.issues);
  let path = issue.path;
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path = [...path, issue.keys[0]];
  const p = formatPath(path);
  const expected = describeIssue(issue);
  return { ok: false, error: { path: p, expected, message: `${p}: expected ${expected}` } };
}

/** Validate a JSON text; a syntax error is reported with its position. */
export function parseScenarioText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { path: '(root)', expected: 'valid JSON', message: `(root): expected valid JSON (${msg})` } };
  }
  return parseScenario(json);
}

/** The deepest issue is the most specific one (a bad port, not "invalid union" at the step). */
function pickIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0];
  for (const i of issues) if (i.path.length > best.path.length) best = i;
  return best;
}
