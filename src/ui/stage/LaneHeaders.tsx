// Column heads above the diagram: each host with its IP, each socket with its name, fd, address
// and current TCP state. Positions come from the same layout as the lifelines below.
import { useAppStore } from '../../store/StoreProvider';
import { selectView } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import type { DiagramLayout } from './diagramLayout';

const portOf = (a?: string) => (a ? a.slice(a.lastIndexOf(':')) : '');

export function LaneHeaders({ layout }: { layout: DiagramLayout }) {
  const t = useT();
  const view = useAppStore(selectView);
  const states = new Map(view?.sockets.map((s) => [s.info.id, s]) ?? []);
  const lanes = [...layout.lanes.values()];
  // A label may use the room up to its nearest neighbour lane (or its host's band).
  const maxWidth = (x: number, host: string) => {
    const band = layout.hosts.find((b) => b.host === host);
    let room = band ? Math.min(x - band.x0, band.x1 - x) * 2 : 160;
    for (const o of lanes) if (o.x !== x) room = Math.min(room, Math.abs(o.x - x));
    return Math.max(60, Math.min(170, room - 8));
  };
  return (
    <div className="lane-headers" style={{ width: layout.width }}>
      {layout.hosts.map((b) => (
        <div key={b.host} className="host-head" style={{ left: b.x0, width: b.x1 - b.x0 }}>
          <span className="host-name">{hostLabel(t, b.host)}</span>
          {b.ip && <span className="host-ip">{b.ip}</span>}
        </div>
      ))}
      {lanes.map((lane) => {
        const s = lane.socket;
        const v = s ? states.get(s.id) : undefined;
        const alive = !!v;
        return (
          <div key={lane.key} className={`lane-head${alive ? '' : ' future'}`} style={{ left: lane.x, maxWidth: maxWidth(lane.x, lane.host) }}
            title={s ? `${s.name ?? ''} fd ${s.fd ?? '?'} ${s.local ?? ''}${s.remote ? ` ↔ ${s.remote}` : ''}` : t('diagram.kernel')}>
            {s ? (
              <>
                <span className="lane-name">{s.name ? `${s.name} ` : ''}<span className="lane-fd">fd {s.fd ?? '–'}</span></span>
                <span className="lane-addr">{s.remote ? `${portOf(s.local)}↔${portOf(s.remote)}` : s.local ?? (s.proto === 'udp' ? 'UDP' : '—')}</span>
                <span className={`state-chip st-${v?.state ?? 'none'}`}>{v?.state ?? (alive ? s.proto.toUpperCase() : '·')}</span>
              </>
            ) : (
              <span className="lane-name kernel">{t('diagram.kernel')}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
