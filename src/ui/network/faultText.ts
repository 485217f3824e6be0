// A scenario fault in words, in the user's language: "drop: from client · with data · match 4".
import type { Fault } from '../../scenarios/schema';
import type { MessageKey } from '../../i18n/en';
import { hostLabel, type Translate } from '../../i18n/i18n';

export function faultText(t: Translate, f: Fault): string {
  const [kind, m] = Object.entries(f)[0] as ['drop' | 'duplicate' | 'delay', Record<string, unknown>];
  if (kind === 'drop' && typeof m.id === 'number' && Object.keys(m).length === 1) return t('network.fault.dropId', { id: m.id });
  const parts: string[] = [];
  if (typeof m.id === 'number') parts.push(t('network.fault.id', { id: m.id }));
  if (typeof m.from === 'string') parts.push(t('network.fault.from', { host: hostLabel(t, m.from) }));
  if (typeof m.to === 'string') parts.push(t('network.fault.to', { host: hostLabel(t, m.to) }));
  if (typeof m.proto === 'string') parts.push(m.proto.toUpperCase());
  if (Array.isArray(m.flags) && m.flags.length > 0) parts.push(t('network.fault.flags', { flags: m.flags.join('+') }));
  if (m.payload === true) parts.push(t('network.fault.payload'));
  if (m.payload === false) parts.push(t('network.fault.noPayload'));
  if (typeof m.nth === 'number') parts.push(t('network.fault.nth', { n: m.nth }));
  if (typeof m.ms === 'number') parts.push(t('network.fault.ms', { ms: m.ms }));
  const what = parts.length > 0 ? parts.join(' · ') : t('network.fault.any');
  return t('network.fault.other', { kind: t(`network.fault.kind.${kind}` as MessageKey), what });
}
