// Column heads above the diagram: each host with its IP, each socket with its name, fd, address
// and current TCP state. Positions come from the same layout as the lifelines below.
import { useAppStore } from '../../store/StoreProvider';
import { selectView } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import type { DiagramLayout } from './diagramLayout';
import type { TcpState } from '../../sim/trace/records';

const portOf = (a?: string) => (a ? a.slice(a.lastIndexOf(':')) : '');

/** Short state names for crowded headers (the full name is in the tooltip). */
const SHORT: Record<TcpState, string> = {
  CLOSED: 'CLSD', LISTEN: 'LSTN', SYN_SENT: 'SYN_S', SYN_RECEIVED: 'SYN_R', ESTABLISHED: 'ESTAB',
  FIN_WAIT_1: 'FW1', FIN_WAIT_2: 'FW2', CLOSE_WAIT: 'CL_W', CLOSING: 'CLSG', LAST_ACK: 'L_ACK', TIME_WAIT: 'TW',
};

export function LaneHeaders({ layout }: { layout: DiagramLayout }) {
  const t = useT();
  const view = useAppStore(selectView);
  const hasScenario = useAppStore((s) => s.scenario !== null);
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
        <div key={b.host} className="host-head" style={{ left: b.x0, width: b.x1 - b.x0 }} title={b.ip ? `${b.host} ${b.ip}` : b.host}>
          {/* A capture names a host by its endpoint ("ip:port"): the port is what tells them apart. */}
          <span className="host-name">{/^\d+\.\d+\.\d+\.\d+:\d+$/.test(b.host) ? b.host.slice(b.host.lastIndexOf(':')) : hostLabel(t, b.host)}</span>
          {b.ip && b.x1 - b.x0 > 150 && <span className="host-ip">{b.ip}</span>}
        </div>
      ))}
      {lanes.map((lane) => {
        const s = lane.socket;
        const v = s ? states.get(s.id) : undefined;
        const alive = !!v;
        const width = maxWidth(lane.x, lane.host);
        // Crowded lanes (a server with many connections) show fd and a short state only.
        const compact = width < 84;
        const state = v?.state ?? null;
        return (
          <div key={lane.key} className={`lane-head${alive ? '' : ' future'}${compact ? ' compact' : ''}`} style={{ left: lane.x, maxWidth: width }}
            title={s ? `${s.name ?? ''} fd ${s.fd ?? '?'} ${s.local ?? ''}${s.remote ? ` ↔ ${s.remote}` : ''}${state ? ` — ${state}` : ''}` : t('diagram.kernel')}>
            {s ? (
              <>
                <span className="lane-name">{s.name && !compact ? `${s.name} ` : ''}<span className="lane-fd">fd {s.fd ?? '–'}</span></span>
                {!compact && <span className="lane-addr">{s.remote ? `${portOf(s.local)}↔${portOf(s.remote)}` : s.local ?? (s.proto === 'udp' ? 'UDP' : '—')}</span>}
                {compact && <span className="lane-addr">{s.remote ? portOf(s.remote) : portOf(s.local)}</span>}
                <span className={`state-chip st-${state ?? 'none'}`}>{state ? (compact ? SHORT[state] : state) : (alive ? s.proto.toUpperCase() : '·')}</span>
              </>
            ) : (
              <span className="lane-name kernel">{hasScenario ? t('diagram.kernel') : ''}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
