// The keyboard map, for instructors setting up a clicker and for keyboard-only users (`?`).
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/en';

const ROWS: Array<[string, MessageKey]> = [
  ['Space', 'keys.space'],
  ['← / →', 'keys.arrows'],
  ['PageUp / PageDown', 'keys.page'],
  ['Home / End', 'keys.homeEnd'],
  ['L', 'keys.lecture'],
  ['B', 'keys.blank'],
  ['?', 'keys.help'],
];

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const t = useT();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => { close.current?.focus(); }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={t('keys.title')} onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
        <h2>{t('keys.title')}</h2>
        <table className="keys">
          <tbody>
            {ROWS.map(([k, label]) => <tr key={k}><th scope="row"><kbd>{k}</kbd></th><td>{t(label)}</td></tr>)}
          </tbody>
        </table>
        <button ref={close} type="button" className="btn" onClick={onClose}>{t('diagram.close')}</button>
      </div>
    </div>
  );
}
