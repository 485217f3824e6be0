// Column heads above the diagram: each host with its IP, each socket with its name, fd, address
// and current TCP state. Positions come from the same layout as the lifelines below. When lanes
// are close together (a server with many connections), the state chips alternate between two
// heights, so each may be twice as wide as the gap between lanes, and long state names give way
// to the short ones `ss` prints; the full name is in the tooltip.
import { useAppStore } from '../../store/StoreProvider';
import { selectHasScenario, selectView } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import type { DiagramLayout } from './diagramLayout';
import { hostName, shortState, type LaneHeadGeo } from './laneHeadGeometry';
import { textWidth } from './labelPlacement';

/** Whole pixels: text placed at fractions of a pixel may be drawn differently after a repaint. */
const half = (w: number) => Math.floor(w / 2);

const portOf = (a?: string) => (a ? a.slice(a.lastIndexOf(':')) : '');

export function LaneHeaders({ layout, geo, lecture = false }: { layout: DiagramLayout; geo: { crowded: boolean; heads: readonly LaneHeadGeo[] }; lecture?: boolean }) {
  const t = useT();
  const view = useAppStore(selectView);
  const hasScenario = useAppStore(selectHasScenario);
  const states = new Map(view?.sockets.map((s) => [s.info.id, s]) ?? []);
  return (
    <div className={`lane-headers${geo.crowded ? ' crowded' : ''}`} style={{ width: layout.width }}>
      {layout.hosts.map((b) => {
        const room = b.x1 - b.x0;
        const name = hostName(hostLabel(t, b.host), room, lecture);
        // The IP only where it fits beside the whole name (the tooltip always has it).
        const ipFits = !!b.ip && b.ip !== b.host && !name.small
          && textWidth(name.text, lecture ? 13.5 : 9.8, lecture ? 22 : 16) + b.ip.length * (lecture ? 9.7 : 7.9) + 24 <= room;
        return (
          <div key={b.host} className="host-head" style={{ left: Math.round(b.x0), width: Math.round(b.x1) - Math.round(b.x0) }} title={b.ip ? `${b.host} ${b.ip}` : b.host}>
            <span className={`host-name${name.small ? ' small' : ''}`}>{name.text}</span>
            {ipFits && <span className="host-ip">{b.ip}</span>}
          </div>
        );
      })}
      {geo.heads.map(({ lane, width, chipWidth, compact, low }) => {
        const s = lane.socket;
        const v = s ? states.get(s.id) : undefined;
        // A kernel lane is there once a packet no socket owns came or went (see diagramLayout).
        const alive = s ? !!v : (view ? view.cursor - 1 : -1) >= lane.fromStep;
        const state = v?.state ?? null;
        const stateText = state ? shortState(state, chipWidth, lecture ? 8.6 : 7) : (alive ? s?.proto.toUpperCase() ?? '' : '·');
        // Only what has happened: the fd once socket()/accept() returned it, the address once
        // bind/connect (or the SYN that made a listener's child) named it. A lane of a socket
        // the run has not created yet keeps its place, faded and unnamed.
        const k = v?.known;
        const unaccepted = !!v?.unaccepted;
        const addr = !k ? '' : compact ? (portOf(k.remote ?? k.local) || '—')
          : k.remote ? `${portOf(k.local)}↔${portOf(k.remote)}` : k.local ?? t('diagram.unbound');
        const title = !s ? (alive ? t('diagram.kernel') : undefined) : !k ? t('diagram.notCreated')
          : `${k.name ?? ''} ${unaccepted ? t('diagram.notAccepted') : `fd ${k.fd ?? '?'}`} ${k.local ?? t('diagram.unbound')}${k.remote ? ` ↔ ${k.remote}` : ''}${state ? ` — ${state}` : ''}`.trim();
        return (
          <div key={lane.key} className={`lane-head${alive ? '' : ' future'}${compact ? ' compact' : ''}${low ? ' low' : ''}`}
            style={{ left: Math.round(lane.x) - half(chipWidth), width: 2 * half(chipWidth) }} title={title}>
            {s ? (
              <>
                <span className="lane-name" style={{ maxWidth: width }}>
                  {k?.name && !compact ? `${k.name} ` : ''}
                  {/* A capture knows no fds. */}
                  {k && unaccepted && !compact && <span className="lane-fd">{t('diagram.notAccepted')}</span>}
                  {k && (!unaccepted || compact) && (k.fd !== undefined || hasScenario) && <span className="lane-fd">fd {k.fd ?? '–'}</span>}
                  {!k && '\u00a0'}
                </span>
                <span className="lane-addr" style={{ maxWidth: width }}>{addr || '\u00a0'}</span>
                <span className={`state-chip st-${state ?? 'none'}`}>{stateText}</span>
              </>
            ) : (
              <span className="lane-name kernel" style={{ maxWidth: width }}>{hasScenario && alive ? t('diagram.kernel') : ''}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
