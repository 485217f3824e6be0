// One of the page's real sockets: addresses, kernel state, who closed what, and — while it is
// open — a box to send text or hex, and the three ways to end it (FIN, close, RST). A listener
// shows how many clients it accepted and a command to try from a terminal.
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/useT';
import type { RealApi, RealSocket } from '../../store/realTypes';
import { parseHexInput, textInput } from '../../real/sendInput';
import { PeerBytes } from './PeerBytes';

function tryCommand(local: string): string {
  const i = local.lastIndexOf(':');
  const host = local.slice(0, i).replace(/^\[|\]$/g, '');
  return `nc ${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host} ${local.slice(i + 1)}`;
}

function SendBox({ s, api }: { s: RealSocket; api: RealApi }) {
  const t = useT();
  const [format, setFormat] = useState<'text' | 'hex'>('text');
  const [value, setValue] = useState('');
  const [newline, setNewline] = useState(true);
  const [bad, setBad] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bytes = format === 'hex' ? parseHexInput(value) : textInput(value, newline);
    if (!bytes) { setBad(true); return; }
    setBad(false);
    void api.send(s.fd, bytes);
    setValue('');
  };
  const id = `real-send-${s.fd}`;
  return (
    <form className="real-send" onSubmit={submit}>
      <div className="real-send-row">
        <div className="seg-control small" role="radiogroup" aria-label={t('real.send.format')}>
          {(['text', 'hex'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={format === f} onClick={() => { setFormat(f); setBad(false); }}>
              {t(f === 'text' ? 'real.send.text' : 'real.send.hex')}
            </button>
          ))}
        </div>
        {format === 'text' && (
          <label className="real-check"><input type="checkbox" checked={newline} onChange={(e) => setNewline(e.target.checked)} /> {t('real.send.newline')}</label>
        )}
      </div>
      <div className="real-send-row">
        <label htmlFor={id} className="sr-only">{t('real.send.data', { fd: s.fd })}</label>
        <input id={id} value={value} onChange={(e) => { setValue(e.target.value); setBad(false); }} aria-invalid={bad}
          className={format === 'hex' ? 'mono' : undefined} placeholder={format === 'hex' ? '48 69 0a' : 'hello'} autoComplete="off" spellCheck={false} />
        <button type="submit" className="btn primary">{t('real.send')}</button>
      </div>
      {bad && <p className="field-error" role="alert">{t('real.invalid.hex')}</p>}
    </form>
  );
}

export function RealSocketCard({ s, api, hex }: { s: RealSocket; api: RealApi; hex: boolean }) {
  const t = useT();
  const open = s.phase === 'open' && !s.reset;
  const role = t(s.role === 'client' ? 'real.role.client' : s.role === 'listener' ? 'real.role.listener' : 'real.role.accepted');
  const flags: string[] = [];
  if (s.phase === 'opening') flags.push(t('real.phase.opening'));
  if (s.wrShut && s.phase !== 'closed') flags.push(t('real.wrShut'));
  if (s.peerEof) flags.push(t('real.peerEof'));
  if (s.reset) flags.push(t('real.reset', { errno: s.reset }));
  if (s.phase === 'closed') flags.push(t('real.phase.closed'));
  return (
    <article className={`real-sock${s.phase === 'closed' ? ' closed' : ''}`} data-testid={`real-sock-${s.fd}`} aria-label={`fd ${s.fd} · ${role}`}>
      <header>
        <strong>fd {s.fd}</strong>
        <span className="muted">{role}</span>
        {s.state && <span className={`state-chip st-${s.state}`}>{s.state}</span>}
      </header>
      <code className="real-addr">{s.local ?? '—'}{s.remote ? ` ↔ ${s.remote}` : ''}</code>
      {flags.length > 0 && <p className="real-flags">{flags.join(' · ')}</p>}
      {s.error && <p className="real-err">{`${s.error.syscall}(): ${s.error.code}`}</p>}
      {s.role === 'listener' ? (
        <>
          <p className="small">{t('real.accepted', { n: s.accepted ?? 0 })}</p>
          {s.phase === 'listening' && s.local && (
            <p className="small">{t('real.listening.try')} <code data-testid="real-try">{tryCommand(s.local)}</code></p>
          )}
          {s.phase === 'listening' && <div className="real-actions"><button type="button" onClick={() => void api.close(s.fd)}>{t('real.close')}</button></div>}
        </>
      ) : (
        <>
          {s.phase !== 'opening' && (s.phase !== 'closed' || s.sent + s.received > 0) && <p className="small muted">{t('real.counts', { sent: s.sent, received: s.received })}</p>}
          {s.received > 0 && (
            <div className="real-received">
              <h4>{t('real.received')}{s.received > s.tail.length ? <span className="muted received-tail">{t('real.received.tail', { n: s.tail.length, total: s.received })}</span> : null}</h4>
              <PeerBytes bytes={s.tail} hex={hex} label={`${t('real.received')} fd ${s.fd}`} />
            </div>
          )}
          {open && !s.wrShut && <SendBox s={s} api={api} />}
          {s.phase === 'open' && (
            <div className="real-actions">
              <button type="button" onClick={() => void api.shutdown(s.fd)} disabled={s.wrShut || !!s.reset}>{t('real.shutdown')}</button>
              <button type="button" onClick={() => void api.close(s.fd)}>{t('real.close')}</button>
              <button type="button" className="warn" onClick={() => void api.abort(s.fd)} disabled={!!s.reset}>{t('real.abort')}</button>
            </div>
          )}
        </>
      )}
    </article>
  );
}
