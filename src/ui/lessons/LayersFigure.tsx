// The TCP/IP layers (with OSI beside them) and the encapsulation of the packet at the cursor,
// measured on its real header bytes: data → segment → packet → frame.
import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectLocale, selectTimeline } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { frameAt, type FrameLayer, type TraceView } from '../../lessons';

/** Data bytes shown in hex before the rest is summarised (a full segment has 1460). */
const DATA_HEX_MAX = 48;
const PART_CLASS: Record<FrameLayer, string> = {
  link: 'seg-link', network: 'seg-network', transport: 'seg-transport', app: 'seg-app', padding: 'seg-padding', fcs: 'seg-link',
};

export function LayersFigure({ run, encapsulation }: { run: TraceView; encapsulation: boolean }) {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const last = tl && cursor > 0 ? tl.steps[cursor - 1]?.last ?? -1 : -1;
  const locale = useAppStore(selectLocale);
  const m = useMemo(() => (last >= 0 ? frameAt(run, last) : null), [run, last]);
  const title = encapsulation ? t('lesson.view.encapsulation') : t('lesson.view.layers');
  if (!m) return <figure className="layers"><figcaption>{title}</figcaption><p className="muted">{t('layers.pick')}</p></figure>;
  const z = m.sizes;
  const rows = [
    { id: 'app', name: t('layers.app'), what: t('layers.data', { n: z.data }), osi: [t('layers.app'), t('layers.osi.presentation'), t('layers.osi.session')] },
    { id: 'transport', name: t('layers.transport'), what: m.proto === 'udp' ? t('layers.datagram') : t('layers.segment', { h: z.l4 }), osi: [t('layers.transport')] },
    { id: 'network', name: t('layers.network'), what: t('layers.packet', { h: z.ip, total: z.packet }), osi: [t('layers.network')] },
    { id: 'link', name: t('layers.link'), what: t('layers.frame', { total: z.frame }), osi: [t('layers.osi.datalink'), t('layers.physical')] },
  ];
  const part = (n: number) => `${Math.max(4, (n / z.frame) * 100)}%`;
  const label = (l: { en: string; 'zh-CN': string }) => (locale === 'zh-CN' ? l['zh-CN'] : l.en);
  return (
    <figure className="layers" data-testid="layers-figure">
      <figcaption>{title}</figcaption>
      <table className="layer-table">
        <thead><tr><th scope="col">{t('layers.tcpip')}</th><th scope="col" /><th scope="col">{t('layers.osi')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`layer-${r.id}`}>
              <th scope="row">{r.name}</th>
              <td>{r.what}{r.id === 'app' && <span className="api-line">{t('layers.api')}</span>}</td>
              <td className="osi">{r.osi.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="encap-bar" aria-hidden="true">
        {m.parts.map((p) => (
          <span key={p.offset} className={PART_CLASS[p.layer]} style={p.layer === 'app' ? { flex: 1 } : { width: part(p.bytes.length) }}>{p.bytes.length}</span>
        ))}
      </div>
      {encapsulation && (
        <div className="header-bytes" data-testid="frame-bytes">
          <p className="muted">{t('layers.bytes')}</p>
          <dl className="frame-parts">
            {m.parts.map((p) => {
              const shown = p.layer === 'app' ? p.bytes.subarray(0, DATA_HEX_MAX) : p.bytes;
              const rest = p.bytes.length - shown.length;
              return (
                <div key={p.offset} className="frame-part">
                  <dt>{label(p.label)}</dt>
                  <dd>
                    <code>
                      {[...shown].map((b, i) => <span key={i} className={PART_CLASS[p.layer]}>{b.toString(16).padStart(2, '0')}</span>)}
                      {rest > 0 && <span className="frame-more">{t('layers.more', { n: rest })}</span>}
                    </code>
                    {p.text !== undefined && <q className="frame-text">{p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text}</q>}
                  </dd>
                </div>
              );
            })}
          </dl>
          <p className="muted frame-note">{label(m.note)}</p>
        </div>
      )}
    </figure>
  );
}
