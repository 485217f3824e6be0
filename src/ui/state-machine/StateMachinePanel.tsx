// Each TCP endpoint's current state on the RFC 9293 diagram; the transition the current step took
// is drawn in, and RFC names show Linux's alias on hover (e.g. SYN_RECEIVED → SYN_RECV).
import { useRef } from 'react';
import { m, useReducedMotion } from 'framer-motion';
import { useAppStore } from '../../store/StoreProvider';
import { selectView, selectDirection, selectLessonFocus, selectLocale } from '../../store/selectors';
import { useRevealWhen } from '../revealInPanel';
import { useT } from '../../i18n/useT';
import { hostLabel } from '../../i18n/i18n';
import { LINUX_STATE_ALIAS, type TcpState } from '../../sim/trace/records';
import { EDGES, NODES, NODE_H, NODE_W, VIEW_H, VIEW_W, edgePath, labelAnchor, nodeFor, whoLines, type NodeId } from './stateGraph';

export function StateMachinePanel() {
  const t = useT();
  const view = useAppStore(selectView);
  const direction = useAppStore(selectDirection);
  const locale = useAppStore(selectLocale);
  const focus = useAppStore(selectLessonFocus);
  const reduced = useReducedMotion();
  const tcp = (view?.sockets ?? []).filter((s) => s.info.proto === 'tcp' && s.state);
  // The node of the socket a lesson step is about: marked, and scrolled into the panel's view.
  const focused = tcp.find((s) => s.info.id === focus?.sock);
  const focusNode = focused ? nodeFor(focused.state as TcpState, focused.prev) : null;
  const focusRef = useRef<SVGGElement>(null);
  useRevealWhen(focusRef, focusNode !== null, `${focusNode}@${focus?.record}`);
  const here = new Map<NodeId, Array<{ host: string; who: string }>>();
  for (const s of tcp) {
    const node = nodeFor(s.state as TcpState, s.prev);
    // The fd only once the program has it (a listener's new connection gets one at accept()).
    const host = hostLabel(t, s.info.host);
    const who = s.known.fd !== undefined ? `${host} fd${s.known.fd}` : s.unaccepted ? t('state.notAccepted', { host }) : host;
    here.set(node, [...(here.get(node) ?? []), { host, who }]);
  }
  const taken = new Set((view?.transitions ?? []).map((x) => `${x.from}>${nodeFor(x.to, x.from)}`));
  const animate = !reduced && direction === 1;
  return (
    <div className="state-panel">
      {tcp.length === 0 && <p className="muted">{view?.sockets.some((s) => s.info.proto === 'udp') ? t('state.udp') : t('state.none')}</p>}
      <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} className={`state-svg${tcp.length === 0 ? ' idle' : ''}`} role="img" aria-label={t('panel.state')}>
        <defs>
          <marker id="sm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
          </marker>
        </defs>
        {EDGES.map((e) => {
          const key = `${e.from === 'CLOSED_END' ? 'CLOSED' : e.from}>${e.to}`;
          const isTaken = taken.has(key);
          return (
            <g key={`${e.from}-${e.to}`} className={isTaken ? 'sm-edge taken' : 'sm-edge'}>
              <title>{`${e.from === 'CLOSED_END' ? 'CLOSED' : e.from} → ${e.to === 'CLOSED_END' ? 'CLOSED' : e.to}: ${locale === 'zh-CN' ? e.zh : e.label}`}</title>
              {isTaken ? (
                <m.path key={`${view?.cursor}`} d={edgePath(e)} markerEnd="url(#sm-arrow)"
                  initial={animate ? { pathLength: 0 } : false} animate={{ pathLength: 1 }}
                  transition={{ duration: animate ? 0.5 : 0 }} />
              ) : (
                <path d={edgePath(e)} markerEnd="url(#sm-arrow)" />
              )}
            </g>
          );
        })}
        {(Object.keys(NODES) as NodeId[]).map((id) => {
          const n = NODES[id];
          const state: TcpState = id === 'CLOSED_END' ? 'CLOSED' : id;
          const who = here.get(id);
          const alias = LINUX_STATE_ALIAS[state];
          const at = labelAnchor(id);
          const name = alias && alias !== state ? `${state} — ${t('state.linuxAlias', { alias })}` : state;
          return (
            <g key={id} className={`sm-node${who ? ' active' : ''}`} transform={`translate(${n.x} ${n.y})`} data-state={id}
              ref={id === focusNode ? focusRef : undefined} data-lesson-focus={id === focusNode ? '' : undefined}>
              <title>{who ? `${name}\n${who.map((w) => w.who).join('\n')}` : name}</title>
              <rect x={-NODE_W / 2} y={-NODE_H / 2} width={NODE_W} height={NODE_H} rx={7} />
              <text textAnchor="middle" dy="0.35em">{state}</text>
              {who && whoLines(who).map((line, i) => (
                <text key={i} className="sm-who" x={at.x} textAnchor={at.anchor} y={NODE_H / 2 + 12 + i * 13}>{line}</text>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        <li><span className="swatch current" />{t('state.legend.current')}</li>
        <li><span className="swatch taken" />{t('state.legend.last')}</li>
      </ul>
    </div>
  );
}
