// Socket internals: send and receive buffers (queued, in flight, unread, out of order), windows,
// cwnd/ssthresh/RTO, and a listener's SYN and accept queues.
import { useRef } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectLessonFocus, selectView } from '../../store/selectors';
import { useRevealWhen } from '../revealInPanel';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import type { SocketView } from '../../timeline';
import type { Translate } from '../../i18n/i18n';

function Bar({ label, size, parts, t }: { label: string; size: number; parts: Array<{ cls: string; n: number; name: string }>; t: Translate }) {
  const used = parts.reduce((a, p) => a + p.n, 0);
  return (
    <div className="buf">
      <div className="buf-head"><span>{label}</span><span className="muted">{t('sockets.bytes', { n: used })} / {size}</span></div>
      <div className="buf-bar" role="img" aria-label={`${label}: ${parts.map((p) => `${p.name} ${p.n}`).join(', ')}`}>
        {parts.map((p) => p.n > 0 && <span key={p.cls} className={`buf-part ${p.cls}`} style={{ width: `${Math.max(1.5, (p.n / Math.max(1, size)) * 100)}%` }} />)}
      </div>
      <div className="buf-legend">
        {parts.map((p) => <span key={p.cls}><i className={`buf-key ${p.cls}`} />{p.name} {p.n}</span>)}
      </div>
    </div>
  );
}

function SocketCard({ s, t, focus }: { s: SocketView; t: Translate; focus: number | null }) {
  const b = s.buffer;
  const ref = useRef<HTMLElement>(null);
  useRevealWhen(ref, focus !== null, focus);
  // What the run has shown so far: a listener's new connection has no fd (nor the name the
  // program gives it) until accept() returns it; a socket has no address until it is bound.
  const k = s.known;
  return (
    <article className="sock-card" ref={ref} data-lesson-focus={focus !== null ? '' : undefined}>
      <header>
        <strong>{hostLabel(t, s.info.host)}</strong>
        <span>{k.name ? `${k.name} · ` : ''}{s.unaccepted ? t('diagram.notAccepted') : `fd ${k.fd ?? '–'}`}</span>
        <code>{k.local ?? t('diagram.unbound')}{k.remote ? ` ↔ ${k.remote}` : ''}</code>
        {s.state && <span className={`state-chip st-${s.state}`}>{s.state}</span>}
        {!s.fdOpen && k.fd !== undefined && <span className="muted small">{t('sockets.closedFd')}</span>}
      </header>
      {b && (
        <>
          <Bar t={t} label={t('sockets.send')} size={b.sndSize} parts={[
            { cls: 'inflight', n: b.sndInFlight, name: t('sockets.inFlight') },
            { cls: 'unsent', n: b.sndUnsent, name: t('sockets.unsent') },
          ]} />
          <Bar t={t} label={t('sockets.recv')} size={b.rcvSize} parts={[
            { cls: 'unread', n: b.rcvUnread, name: t('sockets.unread') },
            { cls: 'ooo', n: b.rcvOutOfOrder, name: t('sockets.ooo') },
          ]} />
          <dl className="kv">
            <dt>{t('sockets.rwnd')}</dt><dd>{b.rcvWnd}</dd>
            <dt>{t('sockets.swnd')}</dt><dd>{b.sndWnd}</dd>
          </dl>
        </>
      )}
      {s.cwnd && (
        <dl className="kv">
          <dt>{t('sockets.cwnd')}</dt><dd>{s.cwnd.cwnd} <span className="muted small">({t(`sockets.phase.${s.cwnd.phase}`)})</span></dd>
          <dt>{t('sockets.ssthresh')}</dt><dd>{s.cwnd.ssthresh >= 0x7fffffff ? '∞' : s.cwnd.ssthresh}</dd>
          <dt>{t('sockets.rto')}</dt><dd>{s.cwnd.rto} ms</dd>
        </dl>
      )}
      {s.queue && (
        <dl className="kv">
          <dt>{t('sockets.synQueue')}</dt><dd>{s.queue.synQueue} / {s.queue.synMax}</dd>
          <dt>{t('sockets.acceptQueue')}</dt><dd>{s.queue.acceptQueue} / {s.queue.acceptMax}</dd>
        </dl>
      )}
    </article>
  );
}

export function SocketsPanel() {
  const t = useT();
  const view = useAppStore(selectView);
  const focus = useAppStore(selectLessonFocus);
  const socks = view?.sockets ?? [];
  if (socks.length === 0) return <p className="muted">{t('sockets.empty')}</p>;
  return <div className="sockets">{socks.map((s) => <SocketCard key={s.info.id} s={s} t={t} focus={s.info.id === focus?.sock ? focus.record : null} />)}</div>;
}
