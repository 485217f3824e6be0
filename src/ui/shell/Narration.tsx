// What happened at this step and why, read out politely by screen readers.
import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectNumbers, selectScenario, selectTimeline, selectRunIps, selectRunLive, selectLocale } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { narrate } from '../../narration/narrate';

export function Narration() {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const numbers = useAppStore(selectNumbers);
  const scenario = useAppStore(selectScenario);
  const captureIps = useAppStore(selectRunIps);
  const ips = useMemo(() => (scenario ? Object.fromEntries(Object.entries(scenario.hosts).map(([k, v]) => [k, v.ip])) : captureIps), [scenario, captureIps]);
  const live = useAppStore(selectRunLive);
  const locale = useAppStore(selectLocale);
  const text = tl ? narrate(tl, cursor, t, { numbers, ips, live, locale }) : t('app.loading');
  return (
    <section className="narration" aria-label={t('panel.narration')}>
      <p aria-live="polite" aria-atomic="true" data-testid="narration">{text}</p>
    </section>
  );
}
