// Open a real socket: connect to host:port (the targets the bridge allows are one click away), or
// listen on a port (to the LAN only when the bridge runs in classroom mode). Bad input gets an
// inline message and nothing is sent.
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/useT';
import type { BridgeInfo, RealApi } from '../../store/realTypes';

const HOST = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?)$/;

function parsePort(v: string, min: number): number | null {
  if (!/^\d{1,5}$/.test(v.trim())) return null;
  const n = Number(v);
  return n >= min && n <= 65535 ? n : null;
}

/** "host:port" or "[v6]:port" from the bridge's allow-list, split for the form. */
function splitTarget(s: string): { host: string; port: string } | null {
  const i = s.lastIndexOf(':');
  if (i <= 0) return null;
  return { host: s.slice(0, i).replace(/^\[|\]$/g, ''), port: s.slice(i + 1) };
}

export function OpenSocketForm({ api, bridge }: { api: RealApi; bridge: BridgeInfo }) {
  const t = useT();
  const first = splitTarget(bridge.allow?.[0] ?? '');
  const [mode, setMode] = useState<'connect' | 'listen'>(first ? 'connect' : 'listen');
  const [host, setHost] = useState(first?.host ?? '127.0.0.1');
  const [port, setPort] = useState(first?.port ?? '');
  const [lport, setLport] = useState('9000');
  const [lan, setLan] = useState(!!bridge.classroom);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: () => Promise<void>) => { setBusy(true); try { await f(); } finally { setBusy(false); } };
  const onConnect = (e: FormEvent) => {
    e.preventDefault();
    const p = parsePort(port, 1);
    if (!HOST.test(host.trim())) { setError(t('real.invalid.host')); return; }
    if (p === null) { setError(t('real.invalid.port', { min: 1 })); return; }
    setError(null);
    void run(() => api.connect(host.trim().replace(/^\[|\]$/g, ''), p));
  };
  const onListen = (e: FormEvent) => {
    e.preventDefault();
    const p = parsePort(lport, 0);
    if (p === null) { setError(t('real.invalid.port', { min: 0 })); return; }
    setError(null);
    void run(() => api.listen(p, lan && !!bridge.classroom));
  };

  return (
    <section className="real-open" aria-label={t('real.open')}>
      <div className="seg-control real-modes" role="radiogroup" aria-label={t('real.open')}>
        {(['connect', 'listen'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => { setMode(m); setError(null); }}>
            {t(m === 'connect' ? 'real.mode.connect' : 'real.mode.listen')}
          </button>
        ))}
      </div>
      {mode === 'connect' ? (
        <form onSubmit={onConnect} className="real-form">
          <div className="real-fields">
            <label className="field grow"><span>{t('real.host')}</span>
              <input value={host} onChange={(e) => setHost(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={error === t('real.invalid.host')} /></label>
            <label className="field port"><span>{t('real.port')}</span>
              <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" autoComplete="off" /></label>
          </div>
          <button type="submit" className="btn primary" disabled={busy}>{t('real.connect.go')}</button>
          <p className="small muted real-allowed">
            {bridge.allow?.length ? <>{t('real.allowed')} {bridge.allow.map((a) => {
              const tg = splitTarget(a);
              return (
                <button key={a} type="button" className="chip" onClick={() => { if (tg) { setHost(tg.host); setPort(tg.port); setError(null); } }}>{a}</button>
              );
            })}</> : t('real.allowed.none')}
          </p>
        </form>
      ) : (
        <form onSubmit={onListen} className="real-form">
          <div className="real-fields">
            <label className="field port"><span>{t('real.port')}</span>
              <input value={lport} onChange={(e) => setLport(e.target.value)} inputMode="numeric" autoComplete="off" /></label>
            <button type="submit" className="btn primary" disabled={busy}>{t('real.listen.go')}</button>
          </div>
          {bridge.classroom && (
            <label className="real-check"><input type="checkbox" checked={lan} onChange={(e) => setLan(e.target.checked)} /> {t('real.listen.lan')}</label>
          )}
          <p className="small muted">{t('real.listen.hint')}</p>
        </form>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
