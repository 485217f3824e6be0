// The TCP options of the profiles (src/sim/tcp/profiles.ts) for people: a name in the user's
// language and each value with its unit (200 ms, 60 s, 65,535 bytes) or in words (on, automatic).
// Every option has an entry, so a new profile difference cannot show up as a raw key.
import type { TcpOptions } from '../../sim/tcp/profiles';
import type { MessageKey } from '../../i18n/en';
import type { Locale, Translate } from '../../i18n/i18n';

type Option = Exclude<keyof TcpOptions, 'profile'>;
type Kind = 'ms' | 'bytes' | 'count' | 'segments' | 'bool' | 'words';

/** How each option's values read; `words` options name their values `tcpopt.<option>.<value>`. */
export const OPTION_KIND: Record<Option, Kind> = {
  mss: 'bytes', rcvbuf: 'bytes', sndbuf: 'bytes',
  rtoInitial: 'ms', rtoMin: 'ms', rtoMax: 'ms', msl: 'ms', delayedAckMs: 'ms', finTimeout: 'ms',
  synRetries: 'count', synAckRetries: 'count', retries: 'count', synLinearTimeouts: 'count',
  initialCwnd: 'segments', windowScale: 'count', synQueue: 'count',
  nagle: 'bool', delayedAck: 'bool', quickAck: 'bool', rfc5961: 'bool',
  rtoFloor: 'words', nagleVariant: 'words', congestion: 'words', zeroWindowProbe: 'words',
  acceptQueue: 'words', synOverflow: 'words', icmpInSynSent: 'words', udpIcmpErrors: 'words', oldSegmentAck: 'words',
};

export function optionName(t: Translate, k: Option): string {
  return t(`tcpopt.${k}` as MessageKey);
}

/** A number as the locale writes it (65,535), with a no-break space before its unit. */
function num(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function optionValue(t: Translate, locale: Locale, k: Option, v: TcpOptions[Option]): string {
  if (v === null) return t('tcpopt.none');
  // Values that are words in every kind: 'auto' (window scale), 'backlog' (SYN queue).
  if (typeof v === 'string' && OPTION_KIND[k] !== 'words') return t(`tcpopt.value.${v}` as MessageKey);
  switch (OPTION_KIND[k]) {
    case 'ms': {
      const ms = Number(v);
      return ms >= 1000 && ms % 1000 === 0 ? t('unit.s', { n: num(ms / 1000, locale) }) : t('unit.ms', { n: num(ms, locale) });
    }
    case 'bytes': return t('unit.bytes', { n: num(Number(v), locale) });
    case 'segments': return t('unit.segments', { n: num(Number(v), locale) });
    case 'count': return num(Number(v), locale);
    case 'bool': return t(v ? 'tcpopt.on' : 'tcpopt.off');
    case 'words': return t(`tcpopt.${k}.${String(v)}` as MessageKey);
  }
}
