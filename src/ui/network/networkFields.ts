// The network and TCP settings a student can change, as data: how each reads from and writes to
// the scenario, and what values it accepts (checked here so the message is in the user's language).
import type { Scenario } from '../../scenarios/schema';
import type { MessageKey } from '../../i18n/en';
import type { Params } from '../../i18n/i18n';

export type FieldId = 'latency' | 'jitter' | 'loss' | 'duplicate' | 'reorder' | 'bandwidth' | 'rcvbuf' | 'seed';

export interface FieldSpec {
  id: FieldId;
  label: MessageKey;
  min: number;
  max: number;
  integer: boolean;
  /** Empty input allowed (means "no limit"). */
  nullable?: boolean;
  /** Shown value = stored × scale (probabilities are shown in %). */
  scale?: number;
  read(s: Scenario): number | null;
  write(s: Scenario, v: number | null): Scenario;
}

const net = (s: Scenario, patch: Record<string, unknown>): Scenario => ({ ...s, network: { ...s.network, ...patch } });
const tcp = (s: Scenario, patch: Record<string, unknown>): Scenario => ({ ...s, tcp: { ...s.tcp, ...patch } });

export const FIELDS: FieldSpec[] = [
  { id: 'latency', label: 'network.latency', min: 0, max: 60_000, integer: false, read: (s) => s.network?.latency ?? 10, write: (s, v) => net(s, { latency: v }) },
  { id: 'jitter', label: 'network.jitter', min: 0, max: 60_000, integer: false, read: (s) => s.network?.jitter ?? 0, write: (s, v) => net(s, { jitter: v }) },
  { id: 'loss', label: 'network.loss', min: 0, max: 100, integer: false, scale: 100, read: (s) => s.network?.loss ?? 0, write: (s, v) => net(s, { loss: v }) },
  { id: 'duplicate', label: 'network.duplicate', min: 0, max: 100, integer: false, scale: 100, read: (s) => s.network?.duplicate ?? 0, write: (s, v) => net(s, { duplicate: v }) },
  { id: 'reorder', label: 'network.reorder', min: 0, max: 100, integer: false, scale: 100, read: (s) => s.network?.reorder ?? 0, write: (s, v) => net(s, { reorder: v }) },
  { id: 'bandwidth', label: 'network.bandwidth', min: 1, max: 1e12, integer: false, nullable: true, read: (s) => s.network?.bandwidth ?? null, write: (s, v) => net(s, { bandwidth: v }) },
  { id: 'rcvbuf', label: 'network.rcvbuf', min: 1, max: 1 << 30, integer: true, read: (s) => s.tcp?.rcvbuf ?? 65535, write: (s, v) => tcp(s, { rcvbuf: v ?? undefined }) },
  { id: 'seed', label: 'network.seed', min: 0, max: 0xffffffff, integer: true, read: (s) => s.seed, write: (s, v) => ({ ...s, seed: v ?? 0 }) },
];

export type FieldResult = { ok: true; value: number | null } | { ok: false; key: MessageKey; params: Params };

/** Parse what the user typed (shown units) into the stored value, or say what was expected. */
export function parseField(spec: FieldSpec, input: string): FieldResult {
  const text = input.trim().replace(',', '.');
  if (text === '' && spec.nullable) return { ok: true, value: null };
  const n = Number(text);
  const range = { min: spec.min, max: spec.max };
  if (text === '' || !Number.isFinite(n)) return { ok: false, key: spec.integer ? 'network.integer' : 'network.range', params: range };
  if (spec.integer && !Number.isInteger(n)) return { ok: false, key: 'network.integer', params: range };
  if (n < spec.min || n > spec.max) return { ok: false, key: spec.integer ? 'network.integer' : 'network.range', params: range };
  return { ok: true, value: spec.scale ? n / spec.scale : n };
}

export function shownValue(spec: FieldSpec, s: Scenario): string {
  const v = spec.read(s);
  if (v === null) return '';
  const shown = spec.scale ? v * spec.scale : v;
  return String(Number(shown.toFixed(6)));
}
