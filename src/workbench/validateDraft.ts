// Checking a draft as the user types: the scenario schema validates the JSON the draft stands
// for, and every issue it finds is put beside the field it concerns (by the draft element's uid,
// so it stays put while rows are added or removed), with a sentence saying what the field expects.
import { scenarioSchema, type Scenario } from '../scenarios/schema';
import type { FieldProblem } from '../i18n/workbenchMessages';
import { candidateFromDraft, type Draft } from './draft';
import { OP_FIELDS, type FieldKind } from './opFields';

export interface DraftCheck {
  /** The valid scenario, or null while some field is wrong. */
  scenario: Scenario | null;
  /** Field key (see fieldKey) → what is wrong there. */
  problems: Map<string, FieldProblem>;
  /** The JSON the draft stands for, valid or not. */
  json: Record<string, unknown>;
}

/** Keys of the draft's fields: `seed`, `network.loss`, `host:<uid>:ip`, `step:<uid>:port`… */
export const fieldKey = {
  host: (uid: number, f: 'name' | 'ip') => `host:${uid}:${f}`,
  program: (uid: number, f: 'host' | 'start' | 'name') => `prog:${uid}:${f}`,
  step: (uid: number, f: string) => `step:${uid}:${f}`,
  fault: (uid: number, f: string) => `fault:${uid}:${f}`,
};

type Issue = { code: string; path: PropertyKey[]; expected?: string; input?: unknown; minimum?: number | bigint; maximum?: number | bigint; values?: unknown[]; origin?: string; message: string; keys?: string[] };

function locate(d: Draft, path: PropertyKey[]): { key: string; kind?: FieldKind | 'host' | 'title'; host?: string } {
  const [a, b, c, e, f] = path;
  if (a === 'programs' && typeof b === 'number') {
    const p = d.programs[b];
    if (!p) return { key: 'scenario' };
    if (c === 'steps' && typeof e === 'number') {
      const st = p.steps[e];
      if (!st) return { key: 'scenario' };
      const field = typeof f === 'string' ? f : 'op';
      return { key: fieldKey.step(st.uid, field), kind: OP_FIELDS[st.op]?.find((x) => x.key === field)?.kind, host: p.host };
    }
    if (c === 'host' || c === 'start' || c === 'name') return { key: fieldKey.program(p.uid, c), kind: c === 'host' ? 'host' : undefined, host: p.host };
    return { key: 'scenario' };
  }
  if (a === 'hosts') {
    if (b === undefined) return { key: 'hosts' };
    const h = d.hosts.find((x) => x.name === b);
    if (!h) return { key: 'hosts' };
    return c === 'ip' ? { key: fieldKey.host(h.uid, 'ip'), kind: 'ip' } : { key: fieldKey.host(h.uid, 'name'), kind: 'host' };
  }
  if (a === 'faults' && typeof b === 'number') {
    const ft = d.faults[b];
    if (!ft) return { key: 'scenario' };
    return { key: fieldKey.fault(ft.uid, typeof e === 'string' ? e : 'from'), kind: e === 'from' || e === 'to' ? 'host' : undefined };
  }
  if (a === 'network' && typeof b === 'string') return { key: `network.${b}` };
  if (a === 'tcp' && b === 'profile') return { key: 'profile' };
  if (a === 'title') return { key: 'title', kind: 'title' };
  if (a === 'seed' || a === 'until') return { key: a };
  return { key: 'scenario' };
}

function problemOf(i: Issue, where: ReturnType<typeof locate>, d: Draft): FieldProblem {
  const hosts = d.hosts.map((h) => h.name);
  const last = i.path[i.path.length - 1];
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined) return { kind: 'required' };
      if (i.expected === 'int') return { kind: 'integer' };
      if (i.expected === 'number') return { kind: 'number' };
      return where.kind ? { kind: 'format', field: where.kind } : { kind: 'other', text: i.message };
    case 'too_small':
      return i.origin === 'array' ? { kind: 'atLeastOneSocket' } : { kind: 'min', min: Number(i.minimum) };
    case 'too_big':
      return { kind: 'max', max: Number(i.maximum) };
    case 'invalid_value':
      return { kind: 'oneOf', values: (i.values ?? []).map(String) };
    case 'invalid_format':
    case 'invalid_key':
      return { kind: 'format', field: where.kind ?? 'name' };
    case 'invalid_union':
      if (where.kind === 'data') return { kind: 'data' };
      if (where.kind === 'optvalue') return { kind: 'optvalue' };
      if (where.key === 'network.bandwidth') return { kind: 'bandwidth' };
      return { kind: 'other', text: i.message };
    case 'custom':
      if (last === 'hosts') return { kind: 'noHost' };
      if (where.kind === 'sock' || where.kind === 'socks') {
        const p = typeof i.path[1] === 'number' ? d.programs[i.path[1]] : undefined;
        const st = p && typeof i.path[3] === 'number' ? p.steps[i.path[3]] : undefined;
        const name = typeof last === 'number' ? (st?.fields.socks ?? '').split(/[\s,]+/).filter(Boolean)[last] ?? '' : st?.fields.sock ?? '';
        return { kind: 'unknownSocket', name, host: where.host ?? '' };
      }
      if (where.kind === 'target') return { kind: 'target', hosts };
      if (last === 'program') return { kind: 'spawnTarget', host: where.host ?? '' };
      if (last === 'start') return { kind: 'spawnedOnce' };
      if (last === 'ip') return { kind: 'duplicateIp' };
      if (where.kind === 'host' || last === 'host' || last === 'from' || last === 'to') return { kind: 'unknownHost', hosts };
      return { kind: 'other', text: i.message };
    default:
      return { kind: 'other', text: i.message };
  }
}

export function validateDraft(d: Draft): DraftCheck {
  const json = candidateFromDraft(d);
  const problems = new Map<string, FieldProblem>();
  // Two hosts with one name would become one key in the JSON: say so beside the second.
  const seen = new Set<string>();
  for (const h of d.hosts) {
    if (seen.has(h.name)) problems.set(fieldKey.host(h.uid, 'name'), { kind: 'duplicateHost' });
    seen.add(h.name);
  }
  const r = scenarioSchema.safeParse(json, { reportInput: true });
  if (!r.success) {
    for (const raw of r.error.issues) {
      const i = raw as unknown as Issue;
      const where = locate(d, i.path);
      // A socks entry points at the list field.
      const key = where.key.replace(/^(step:\d+:socks):?\d*$/, '$1');
      if (!problems.has(key)) problems.set(key, problemOf(i, where, d));
    }
  }
  return { scenario: r.success && problems.size === 0 ? r.data : null, problems, json };
}
