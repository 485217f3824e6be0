// The Real-mode panel (in place of the code column, or as the first side tab on narrow screens):
// the bridge's status — or, when there is none, how to start one — then opening sockets, the
// sockets themselves, the recordings, and the calls made so far.
import { useState } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectBridge, selectRealApi, selectRealRecordings, selectRealSockets, selectRunSource, selectScenarioKey } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import type { BridgeInfo, RealApi } from '../../store/realTypes';
import { OpenSocketForm } from './OpenSocketForm';
import { RealSocketCard } from './RealSocketCard';
import { SessionCalls } from './SessionCalls';

function Status({ bridge, api }: { bridge: BridgeInfo; api: RealApi | null }) {
  const t = useT();
  const s = bridge.state;
  const text = s === 'lost' ? t('real.status.lost', { code: bridge.closeCode ?? 1006 }) : t(`real.status.${s}`);
  return (
    <div className={`real-status bridge-${s}`} role="status" data-testid="real-status">
      <p className="real-status-line"><span className="real-dot" aria-hidden="true" /> {text}</p>
      {s === 'ready' && (
        <p className="real-facts small">
          {[t(bridge.capture ? 'real.capture.on' : 'real.capture.off'), bridge.kernelStates ? t('real.states.on') : '', bridge.classroom ? t('real.classroom') : '']
            .filter(Boolean).join(' · ')}
        </p>
      )}
      {(s === 'absent' || s === 'unreachable') && (
        <div className="real-howto small">
          {s === 'unreachable' && <p>{t('real.unreachable.hint')}</p>}
          <p>{t('real.howto')}</p>
          <pre className="real-cmd">{'npm run dev -- --allow 127.0.0.1:7\nnpx socketlab-bridge --allow HOST:PORT'}</pre>
          <p className="muted">{t('real.howto.simulator')}</p>
          <p className="muted">{t('real.reopen')}</p>
        </div>
      )}
      {s === 'lost' && <p className="small">{t('real.lost.hint')}</p>}
      {(s === 'unreachable' || s === 'lost') && api && (
        <button type="button" className="btn" onClick={() => api.reconnect()}>{t(s === 'lost' ? 'real.reconnect' : 'real.retry')}</button>
      )}
    </div>
  );
}

export function RealPanel() {
  const t = useT();
  const bridge = useAppStore(selectBridge);
  const api = useAppStore(selectRealApi);
  const sockets = useAppStore(selectRealSockets);
  const recordings = useAppStore(selectRealRecordings);
  const key = useAppStore(selectScenarioKey);
  const source = useAppStore(selectRunSource);
  const onStage = key === 'real' && source === 'real';
  const [hex, setHex] = useState(false);
  const shown = recordings.find((r) => r.shown);
  return (
    <div className="real-panel" data-testid="real-panel">
      <header className="real-head">
        <h2>{t('real.title')}</h2>
        {/* Once connected the panel speaks for itself; before, say what Real mode is. */}
        {bridge.state !== 'ready' && <p className="small muted">{t('real.intro')}</p>}
      </header>
      <Status bridge={bridge} api={api} />
      {shown && !onStage && api && (
        <p className="small">{t('real.notShown')} <button type="button" className="chip" onClick={() => api.show(shown.id)}>{t('header.realTitle', { name: shown.title })}</button></p>
      )}
      {bridge.state === 'ready' && api && (
        // Open while no socket is in use; folds to one line while one is (the sockets matter more
        // then), and opens again with a click.
        <details className="real-open-box" open={!sockets.some((x) => x.phase !== 'closed')}>
          <summary>{t('real.open')}</summary>
          <OpenSocketForm api={api} bridge={bridge} />
        </details>
      )}
      {(bridge.state === 'ready' || sockets.length > 0) && api && (
        <section className="real-sockets" aria-label={t('real.sockets')}>
          <div className="real-sockets-head">
            <h3>{t('real.sockets')}</h3>
            <div className="seg-control small" role="radiogroup" aria-label={t('real.received')}>
              <button type="button" role="radio" aria-checked={!hex} onClick={() => setHex(false)}>{t('inspector.text')}</button>
              <button type="button" role="radio" aria-checked={hex} onClick={() => setHex(true)}>{t('inspector.hex')}</button>
            </div>
          </div>
          {sockets.length === 0 ? <p className="muted small">{t('real.sockets.none')}</p>
            : [...sockets].reverse().map((s) => <RealSocketCard key={s.fd} s={s} api={api} hex={hex} />)}
        </section>
      )}
      {recordings.length > 1 && api && (
        <section aria-label={t('real.recordings')}>
          <h3>{t('real.recordings')}</h3>
          <ul className="real-recordings">
            {recordings.map((r) => (
              <li key={r.id}>
                <span>{t('real.recording', { title: r.title, n: r.records })}{r.live ? ` · ${t('real.recording.live')}` : ''}</span>
                {r.shown && onStage ? <span className="muted small">{t('real.recording.shown')}</span>
                  : <button type="button" className="chip" onClick={() => api.show(r.id)}>{t('real.recording.show')}</button>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {onStage && <SessionCalls />}
    </div>
  );
}
