// The centre of the stage: lifelines per host and socket, packets as arrows, calls and states
// written beside the lifelines, one row per step. Everything drawn is derived from
// (timeline, cursor); only rows near the viewport are rendered, so long runs stay fast.
import { useEffect, useMemo, useRef, useState, useCallback } from 'react';
import { useReducedMotion } from 'framer-motion';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/StoreProvider';
import {
  selectTimeline, selectCursor, selectDirection, selectNumbers, selectSpeed, selectSelected,
  selectMenu, selectScenario, selectLecture, selectView, selectRunIps, selectRunLive,
} from '../../store/selectors';
import type { AppState } from '../../store/types';
import { stepDuration } from '../../store/playbackLoop';
import { useT } from '../../i18n/useT';
import { formatTime, hostLabel } from '../../i18n/i18n';
import { layoutDiagram } from './diagramLayout';
import { buildAnnotations } from './annotations';
import { FlightArrow, flightGeometry } from './FlightArrow';
import { packetLabel, packetTone, windowShown } from './packetLabel';
import type { PacketRecord } from '../../timeline';
import { LaneHeaders } from './LaneHeaders';
import { PacketMenu } from './PacketMenu';
import { TimerStrip } from './TimerStrip';
import { subscribeFullRender } from './fullRender';

/** The packet menu opens below the current row, or above it when the viewport has no room. */
const MENU_H = 190;
function menuTop(rowY: number, row: number, scrollTop: number, viewH: number): number {
  const below = rowY + row;
  return below + MENU_H > scrollTop + viewH ? Math.max(scrollTop + 4, rowY - row / 2 - MENU_H) : below;
}

const selectDiagramActions = (s: AppState) => ({ openMenu: s.openMenu, select: s.select, setPanel: s.setPanel });

export function SequenceDiagram() {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const direction = useAppStore(selectDirection);
  const numbers = useAppStore(selectNumbers);
  const speed = useAppStore(selectSpeed);
  const selected = useAppStore(selectSelected);
  const menu = useAppStore(selectMenu);
  const scenario = useAppStore(selectScenario);
  const lecture = useAppStore(selectLecture);
  const view = useAppStore(selectView);
  const live = useAppStore(selectRunLive);
  const { openMenu, select, setPanel } = useAppStore(useShallow(selectDiagramActions));
  const reduced = useReducedMotion();

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [size, setSize] = useState({ w: 720, h: 480 });
  const [scrollTop, setScrollTop] = useState(0);
  const [full, setFull] = useState(false);
  useEffect(() => subscribeFullRender(setFull), []);
  // A callback ref: the scroll box appears only once a run is loaded, and must be measured then.
  const observer = useRef<ResizeObserver | null>(null);
  const setScrollBox = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    // A box with no layout (hidden, or a DOM without layout such as jsdom) keeps the default size.
    const measure = () => {
      if (el.clientWidth === 0 || el.clientHeight === 0) return;
      setSize((old) => (old.w === el.clientWidth && old.h === el.clientHeight ? old : { w: el.clientWidth, h: el.clientHeight }));
    };
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      observer.current = new ResizeObserver(measure);
      observer.current.observe(el);
    }
  }, []);

  const row = lecture ? 44 : 32;
  const captureIps = useAppStore(selectRunIps);
  const hostNames = useMemo(() => (scenario ? Object.keys(scenario.hosts) : undefined), [scenario]);
  const ips = useMemo(() => (scenario ? Object.fromEntries(Object.entries(scenario.hosts).map(([k, v]) => [k, v.ip])) : captureIps), [scenario, captureIps]);
  const layout = useMemo(() => (tl ? layoutDiagram(tl, size.w, { row, hosts: hostNames, ips }) : null), [tl, size.w, row, hostNames, ips]);
  const annotations = useMemo(() => (tl ? buildAnnotations(tl) : []), [tl]);
  const winShown = useMemo(() => (tl ? windowShown(tl.trace, tl.flights.map((f) => f.sendRec)) : new Set<number>()), [tl]);

  // Everything about a flight that does not depend on the cursor, computed once per run and
  // layout, so a step re-renders only the flights that move.
  const flightProps = useMemo(() => {
    if (!tl || !layout) return [];
    return tl.flights.map((f) => {
      const rec = tl.trace[f.sendRec] as PacketRecord;
      const label = packetLabel(rec, { numbers, showWin: winShown.has(f.sendRec) });
      const tags: string[] = [];
      if (f.retransmit) tags.push(t('diagram.retransmission'));
      if (f.copy > 0) tags.push(t('diagram.duplicate'));
      return {
        geo: flightGeometry(f, layout, f.copy > 0), tone: packetTone(rec), label, tags,
        headLabel: `${label} — ${hostLabel(t, f.fromHost)} → ${hostLabel(t, f.toHost)}`,
      };
    });
  }, [tl, layout, numbers, winShown, t]);

  const current = cursor - 1;
  // Keep the current row in view, a little below the middle so what comes next is visible.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !layout || current < 0) return;
    const y = layout.y(current);
    if (y < el.scrollTop + row * 1.5 || y > el.scrollTop + el.clientHeight - row * 2.5) {
      const top = Math.max(0, y - el.clientHeight * 0.6);
      if (typeof el.scrollTo === 'function') el.scrollTo({ top, behavior: reduced || direction !== 1 ? 'auto' : 'smooth' });
      else el.scrollTop = top;
    }
  }, [current, layout, row, reduced, direction]);

  const onOpen = useCallback((i: number) => openMenu(i), [openMenu]);
  const onSelect = useCallback((i: number) => { select(i); setPanel('inspector'); }, [select, setPanel]);

  if (!tl || !layout) return <div className="diagram-empty">{t('app.loading')}</div>;

  const duration = reduced ? 0 : Math.min(0.6, (stepDuration(speed) * 0.7) / 1000);
  const lostTag = t('diagram.lost');
  // Only what has happened is drawn, so the drawing ends a few rows below the current one (its
  // size never depends on the future of the run).
  const svgH = Math.max(size.h, layout.y(Math.max(current, 0)) + row * 6);
  // With many packets in flight only their heads glide and the arrows behind them just follow;
  // with very many (a bulk transfer) the packets step without gliding, to keep playback fluid.
  const inFlight = view?.inFlight.length ?? 0;
  const animateLines = inFlight <= 40;
  const glide = inFlight <= 60;
  const kFrom = full ? 0 : Math.floor((scrollTop - layout.top) / row) - 6;
  const kTo = full ? Number.MAX_SAFE_INTEGER : Math.ceil((scrollTop + size.h) / row) + 6;
  const visible = (a: number, b: number) => b >= kFrom && a <= kTo;

  const gutterRows: Array<{ k: number; label: string; gap: boolean }> = [];
  for (let k = Math.max(0, kFrom); k <= Math.min(current, kTo); k++) {
    const tk = tl.steps[k].t;
    const prev = k > 0 ? tl.steps[k - 1].t : -1;
    if (tk !== prev) gutterRows.push({ k, label: formatTime(tk), gap: prev >= 0 && tk - prev >= 1000 });
  }

  const menuFlight = menu !== null ? tl.flights[menu] : undefined;
  const menuGeo = menuFlight ? flightGeometry(menuFlight, layout, menuFlight.copy > 0) : null;

  return (
    <div className="diagram" data-testid="sequence-diagram" data-in-flight={inFlight}>
      <LaneHeaders layout={layout} />
      <TimerStrip />
      <div className="diagram-scroll" ref={setScrollBox} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={-1}>
        <svg className="diagram-svg" width={layout.width} height={svgH} role="group"
          aria-label={t('panel.sequence')} data-cursor={cursor}>
          <defs>
            <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
            </marker>
          </defs>
          {current >= 0 && (
            <rect className="current-row" x={0} y={layout.y(current) - row / 2} width={layout.width} height={row} />
          )}
          {layout.hosts.map((b, i) => i > 0 && (
            <line key={b.host} className="band-sep" x1={b.x0} x2={b.x0} y1={0} y2={svgH} />
          ))}
          {gutterRows.map((g) => (
            <g key={g.k} className={g.gap ? 'gutter gap' : 'gutter'}>
              {g.gap && <path className="gap-mark" d={`M 4 ${layout.y(g.k) - row / 2 - 3} l 8 4 l 8 -4 l 8 4 l 8 -4`} />}
              <text x={layout.gutter - 8} y={layout.y(g.k)} textAnchor="end" dy="0.35em">{g.label}</text>
            </g>
          ))}
          {[...layout.lanes.values()].map((lane) => {
            if (lane.fromStep > current) return null;
            const end = Math.min(lane.toStep, current);
            return (
              <line key={lane.key} className={lane.socket ? 'lifeline' : 'lifeline kernel'}
                x1={lane.x} x2={lane.x} y1={layout.y(lane.fromStep) - row / 2} y2={layout.y(end) + row / 2} />
            );
          })}
          {annotations.map((a, i) => {
            if (a.step > current || !visible(a.step, a.step)) return null;
            const lane = layout.lanes.get(a.sock);
            if (!lane) return null;
            const x = lane.x + lane.labelSide * 10;
            return (
              <text key={i} className={`note${a.error ? ' error' : ''}`} x={x} y={layout.y(a.step)} dy="0.35em"
                textAnchor={lane.labelSide > 0 ? 'start' : 'end'}>
                {a.call && <tspan className="note-call">{a.call}{a.error ? ` ✕ ${a.error}` : ''}</tspan>}
                {a.call && a.state && <tspan> </tspan>}
                {a.state && <tspan className={`note-state st-${a.state}`}>{a.state}</tspan>}
              </text>
            );
          })}
          {tl.flights.map((f) => {
            if (f.sendStep > current) return null;
            const end = Math.min(f.endStep, current);
            if (!visible(f.sendStep, end)) return null;
            const fp = flightProps[f.index];
            // Past its arrival a flight no longer changes: the same props let memo skip it.
            const settled = f.endStep < current;
            return (
              <FlightArrow key={f.index} flight={f} geo={fp.geo} current={settled ? f.endStep + 1 : current}
                tone={fp.tone} label={fp.label} tags={fp.tags} lostTag={lostTag} selected={selected === f.index}
                duration={settled || !glide ? 0 : duration} direction={direction} animateLine={animateLines} onOpen={onOpen} onSelect={onSelect}
                charW={lecture ? 9.8 : 7.4} headLabel={fp.headLabel} />
            );
          })}
        </svg>
        {menuFlight && menuGeo && (
          <PacketMenu flight={menuFlight} x={Math.min(layout.width - 250, Math.max(8, (menuGeo.x0 + menuGeo.x1) / 2 - 120))}
            y={menuTop(layout.y(Math.max(0, current)), row, scrollTop, size.h)} />
        )}
      </div>
      {cursor === 0 && <p className="diagram-hint">{t(live && tl.length === 0 ? 'real.diagram.empty' : 'diagram.empty')}</p>}
    </div>
  );
}
