// The TCP/IP layers (with OSI beside them) and the encapsulation of the packet at the cursor,
// measured on its real header bytes: data → segment → packet → frame.
import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectTimeline } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { encodePacket, packetFields } from '../../sim/pcap';
import type { TraceView } from '../../lessons';

interface Measured { proto: 'tcp' | 'udp' | 'icmp'; ip: number; l4: number; data: number; total: number; bytes: Uint8Array }

function measure(run: TraceView, lastRecord: number): Measured | null {
  for (let i = Math.min(lastRecord, run.trace.length - 1); i >= 0; i--) {
    const r = run.trace[i];
    if ((r.type === 'segment' || r.type === 'datagram' || r.type === 'icmp') && r.event === 'send') {
      const p = run.packets.get(r.id);
      if (!p) return null;
      const bytes = encodePacket(p);
      const f = packetFields(bytes);
      const num = (k: string) => Number(f.find((x) => x.key === k)?.value ?? 0);
      const ip = num('ip.headerLength');
      const total = num('ip.totalLength');
      const l4 = p.proto === 'tcp' ? num('tcp.dataOffset') : p.proto === 'udp' ? 8 : total - ip;
      return { proto: p.proto, ip, l4, data: total - ip - l4, total, bytes };
    }
  }
  return null;
}

export function LayersFigure({ run, encapsulation }: { run: TraceView; encapsulation: boolean }) {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const last = tl && cursor > 0 ? tl.steps[cursor - 1]?.last ?? -1 : -1;
  const m = useMemo(() => (last >= 0 ? measure(run, last) : null), [run, last]);
  const title = encapsulation ? t('lesson.view.encapsulation') : t('lesson.view.layers');
  if (!m) return <figure className="layers"><figcaption>{title}</figcaption><p className="muted">{t('layers.pick')}</p></figure>;
  const frame = m.total + 18;
  const rows = [
    { id: 'app', name: t('layers.app'), what: t('layers.data', { n: m.data }), osi: [t('layers.app'), t('layers.osi.presentation'), t('layers.osi.session')] },
    { id: 'transport', name: t('layers.transport'), what: m.proto === 'udp' ? t('layers.datagram') : t('layers.segment', { h: m.l4 }), osi: [t('layers.transport')] },
    { id: 'network', name: t('layers.network'), what: t('layers.packet', { h: m.ip, total: m.total }), osi: [t('layers.network')] },
    { id: 'link', name: t('layers.link'), what: t('layers.frame', { total: frame }), osi: [t('layers.osi.datalink'), t('layers.physical')] },
  ];
  const part = (n: number) => `${Math.max(4, (n / frame) * 100)}%`;
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
        <span className="seg-link" style={{ width: part(14) }}>14</span>
        <span className="seg-network" style={{ width: part(m.ip) }}>{m.ip}</span>
        <span className="seg-transport" style={{ width: part(m.l4) }}>{m.l4}</span>
        <span className="seg-app" style={{ flex: 1 }}>{m.data}</span>
        <span className="seg-link" style={{ width: part(4) }}>4</span>
      </div>
      {encapsulation && (
        <div className="header-bytes">
          <p className="muted">{t('layers.bytes')}</p>
          <code>
            {[...m.bytes.subarray(0, m.ip + m.l4)].map((b, i) => (
              <span key={i} className={i < m.ip ? 'seg-network' : 'seg-transport'}>{b.toString(16).padStart(2, '0')}</span>
            ))}
          </code>
        </div>
      )}
    </figure>
  );
}
