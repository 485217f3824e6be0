// The workbench's form state: a scenario as people edit it. Every field keeps the text as typed
// (an invalid port stays "80a" until corrected, never silently becomes something else); what the
// form does not edit (comments, per-host TCP options, links) rides along untouched, so a scenario
// → draft → scenario round trip gives the same scenario.
import type { Scenario, Step, StepOp } from '../scenarios/schema';
import { SCENARIO_FORMAT } from '../scenarios/schema';
import { COMMON_FIELDS, OP_FIELDS } from './opFields';

export type Extra = Record<string, unknown>;

export interface DraftStep { uid: number; op: StepOp; fields: Record<string, string>; extra: Extra }
export interface DraftProgram { uid: number; host: string; name: string; start: 'auto' | 'spawn'; steps: DraftStep[]; extra: Extra }
export interface DraftHost { uid: number; name: string; ip: string; extra: Extra }
export interface DraftFault {
  uid: number;
  action: 'drop' | 'duplicate' | 'delay';
  fields: Record<'from' | 'to' | 'proto' | 'flags' | 'payload' | 'nth' | 'ms', string>;
  extra: Extra;
}

export const NETWORK_FIELDS = ['latency', 'jitter', 'loss', 'duplicate', 'reorder', 'bandwidth', 'mtu'] as const;
export type NetworkField = (typeof NETWORK_FIELDS)[number];

export interface Draft {
  title: { plain: boolean; en: string; zh: string };
  seed: string;
  until: string;
  network: Record<NetworkField, string>;
  profile: '' | 'linux' | 'rfc';
  hosts: DraftHost[];
  programs: DraftProgram[];
  faults: DraftFault[];
  /** Scenario keys the form does not edit (description, network.links, other tcp options). */
  extra: { description?: Scenario['description']; links?: unknown; tcp?: Extra };
}

let nextUid = 1;
export const uid = (): number => nextUid++;

const text = (v: unknown): string => (v === undefined ? '' : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function emptyDraft(): Draft {
  return {
    title: { plain: false, en: '', zh: '' }, seed: '1', until: '',
    network: { latency: '', jitter: '', loss: '', duplicate: '', reorder: '', bandwidth: '', mtu: '' },
    profile: '', hosts: [], programs: [], faults: [], extra: {},
  };
}

export function newStep(op: StepOp): DraftStep {
  const fields: Record<string, string> = {};
  for (const f of [...OP_FIELDS[op], ...COMMON_FIELDS]) fields[f.key] = f.initial ?? '';
  if (OP_FIELDS[op].some((f) => f.kind === 'data')) fields['data.mode'] = 'text';
  return { uid: uid(), op, fields, extra: {} };
}

/** A step's fields as text (and what the form does not edit, as extra). */
export function draftStep(step: Step): DraftStep {
  const d = newStep(step.op);
  const raw = step as Record<string, unknown>;
  const known = new Set(['op', ...OP_FIELDS[step.op].map((f) => f.key), ...COMMON_FIELDS.map((f) => f.key)]);
  for (const f of [...OP_FIELDS[step.op], ...COMMON_FIELDS]) {
    const v = raw[f.key];
    if (f.kind === 'data' && typeof v === 'object' && v !== null) {
      d.fields.data = text((v as { bytes: unknown }).bytes);
      d.fields['data.mode'] = 'bytes';
    } else if (f.kind === 'socks') d.fields[f.key] = Array.isArray(v) ? v.join(', ') : text(v);
    else d.fields[f.key] = text(v);
  }
  for (const [k, v] of Object.entries(raw)) if (!known.has(k)) d.extra[k] = v;
  return d;
}

export function draftFromScenario(s: Scenario): Draft {
  const d = emptyDraft();
  if (typeof s.title === 'string') d.title = { plain: true, en: s.title, zh: '' };
  else if (s.title) d.title = { plain: false, en: s.title.en, zh: s.title['zh-CN'] };
  d.seed = text(s.seed);
  d.until = text(s.until);
  const { links, ...net } = s.network ?? {};
  for (const k of NETWORK_FIELDS) d.network[k] = text((net as Record<string, unknown>)[k]);
  if (links !== undefined) d.extra.links = links;
  const { profile, ...tcp } = s.tcp ?? {};
  d.profile = profile ?? '';
  if (Object.keys(tcp).length > 0) d.extra.tcp = tcp;
  if (s.description !== undefined) d.extra.description = s.description;
  d.hosts = Object.entries(s.hosts).map(([name, h]) => {
    const { ip, ...rest } = h;
    return { uid: uid(), name, ip: text(ip), extra: rest };
  });
  d.programs = s.programs.map((p) => {
    const { host, name, start, steps, ...rest } = p;
    return { uid: uid(), host: text(host), name: text(name), start: start === 'spawn' ? 'spawn' : 'auto', steps: steps.map(draftStep), extra: { ...rest, ...(start === 'auto' ? { explicitAuto: true } : {}) } };
  });
  d.faults = (s.faults ?? []).map((f) => {
    const action = 'drop' in f ? 'drop' : 'duplicate' in f ? 'duplicate' : 'delay';
    const m = (f as Record<string, Record<string, unknown>>)[action];
    const { from, to, proto, flags, payload, nth, ms, ...rest } = m;
    return {
      uid: uid(), action, extra: rest,
      fields: {
        from: text(from), to: text(to), proto: text(proto), flags: Array.isArray(flags) ? flags.join(',') : text(flags),
        payload: payload === true ? 'yes' : payload === false ? 'no' : '', nth: text(nth), ms: text(ms),
      },
    };
  });
  return d;
}

/** Text as the JSON value it means: numbers as numbers; anything else stays text for the schema to reject. */
export function numberOr(t: string): number | string | undefined {
  const s = t.trim();
  if (s === '') return undefined;
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : t;
}

function stepValue(kind: string, t: string, mode?: string): unknown {
  switch (kind) {
    case 'int': case 'number': case 'port': return numberOr(t);
    case 'data': return mode === 'bytes' ? { bytes: numberOr(t) ?? t } : t;
    case 'optvalue': return t.trim() === 'true' ? true : t.trim() === 'false' ? false : numberOr(t);
    case 'socks': return t.split(/[\s,]+/).filter(Boolean);
    default: return t;
  }
}

/** The JSON a draft stands for (not yet validated: it may hold "80a" where a port goes). */
export function candidateFromDraft(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { format: SCENARIO_FORMAT };
  if (d.title.plain) { if (d.title.en !== '') out.title = d.title.en; }
  else if (d.title.en !== '' || d.title.zh !== '') out.title = { en: d.title.en, 'zh-CN': d.title.zh };
  if (d.extra.description !== undefined) out.description = d.extra.description;
  out.seed = numberOr(d.seed);
  const until = numberOr(d.until);
  if (until !== undefined) out.until = until;
  const network: Record<string, unknown> = {};
  for (const k of NETWORK_FIELDS) {
    const v = d.network[k].trim() === 'null' ? null : numberOr(d.network[k]);
    if (v !== undefined) network[k] = v;
  }
  if (d.extra.links !== undefined) network.links = d.extra.links;
  if (Object.keys(network).length > 0) out.network = network;
  const tcp: Record<string, unknown> = { ...(d.profile ? { profile: d.profile } : {}), ...d.extra.tcp };
  if (Object.keys(tcp).length > 0) out.tcp = tcp;
  const hosts: Record<string, unknown> = {};
  for (const h of d.hosts) hosts[h.name] = { ip: h.ip, ...h.extra };
  out.hosts = hosts;
  if (d.faults.length > 0) {
    out.faults = d.faults.map((f) => {
      const m: Record<string, unknown> = {};
      if (f.fields.from !== '') m.from = f.fields.from;
      if (f.fields.to !== '') m.to = f.fields.to;
      if (f.fields.proto !== '') m.proto = f.fields.proto;
      const flags = f.fields.flags.split(/[\s,+]+/).filter(Boolean).map((x) => x.toUpperCase());
      if (flags.length > 0) m.flags = flags;
      if (f.fields.payload === 'yes' || f.fields.payload === 'no') m.payload = f.fields.payload === 'yes';
      const nth = numberOr(f.fields.nth);
      if (nth !== undefined) m.nth = nth;
      if (f.action === 'delay') m.ms = numberOr(f.fields.ms) ?? f.fields.ms;
      return { [f.action]: { ...m, ...f.extra } };
    });
  }
  out.programs = d.programs.map((p) => {
    const { explicitAuto, ...rest } = p.extra;
    const prog: Record<string, unknown> = { host: p.host };
    if (p.name !== '') prog.name = p.name;
    if (p.start === 'spawn' || explicitAuto) prog.start = p.start;
    prog.steps = p.steps.map((st) => {
      const step: Record<string, unknown> = { op: st.op };
      for (const f of [...OP_FIELDS[st.op], ...COMMON_FIELDS]) {
        const t = st.fields[f.key] ?? '';
        if (t === '' && f.optional) continue;
        const v = stepValue(f.kind, t, st.fields['data.mode']);
        if (v !== undefined) step[f.key] = v;
      }
      return { ...step, ...st.extra };
    });
    return { ...prog, ...rest };
  });
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A draft from JSON that may not be a valid scenario yet (typed in the JSON view, or a file):
 * whatever has the scenario's shape is shown in the form, and the form's checks then say what is
 * wrong. null when the JSON is not shaped like a scenario at all (the form cannot show it).
 */
export function draftFromJson(x: unknown): Draft | null {
  if (!isObj(x) || !isObj(x.hosts) || !Array.isArray(x.programs)) return null;
  if (!Object.values(x.hosts).every(isObj)) return null;
  for (const p of x.programs) {
    if (!isObj(p) || !Array.isArray(p.steps)) return null;
    for (const st of p.steps) if (!isObj(st) || typeof st.op !== 'string' || !(st.op in OP_FIELDS)) return null;
  }
  if (x.faults !== undefined && !(Array.isArray(x.faults) && x.faults.every((f) => isObj(f) && Object.values(f).every(isObj)))) return null;
  if (x.network !== undefined && !isObj(x.network)) return null;
  if (x.tcp !== undefined && !isObj(x.tcp)) return null;
  return draftFromScenario(x as unknown as Scenario);
}
