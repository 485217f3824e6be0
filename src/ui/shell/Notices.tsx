// Error and info messages, announced to screen readers, dismissible, never blocking the stage.
// Parameters that hold message keys are translated too (with the notice's parameters), so a notice
// stays wholly in the user's language, even after a language switch. A notice that names them in
// `keyParams` gets only those translated (a JSON path such as `network.latency` is also a key).
import { useAppStore } from '../../store/StoreProvider';
import { selectDismiss, selectNotices } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { en, type MessageKey } from '../../i18n/en';
import { Icon } from './Icon';

const isKey = (v: unknown): v is MessageKey => typeof v === 'string' && v in en;

export function Notices() {
  const t = useT();
  const notices = useAppStore(selectNotices);
  const dismiss = useAppStore(selectDismiss);
  return (
    <div className="notices" role="region" aria-label={t('panel.messages')}>
      {notices.map((n) => {
        const params = n.params && Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, (n.keyParams ? n.keyParams.includes(k) : true) && isKey(v) ? t(v, n.params) : v]));
        return (
          <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
            <p>{t(n.key, params)}</p>
            <button type="button" className="icon-btn small" aria-label={t('error.dismiss')} onClick={() => dismiss(n.id)}>
              <Icon name="close" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
