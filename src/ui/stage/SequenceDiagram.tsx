// The centre of the stage: lifelines per host and socket, packets as arrows, calls and states
// written beside the lifelines, one row per step. Everything drawn is derived from
// (timeline, cursor); only rows near the viewport are rendered, so long runs stay fast.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useCallback, type UIEvent } from 'react';
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
import { FlightArrow, PacketHead, flightGeometry, headAt } from './FlightArrow';
import { DenseFlights, denseDrawing, DENSE_MIN } from './DenseFlights';
import { HEAD_R } from './flightLabels';
import type { Box } from './labelPlacement';
import { InFlightLabels } from './InFlightLabels';
import { diagramLabels, LABEL_TRACKS } from './diagramLabels';
import { LaneHeaders } from './LaneHeaders';
import { PacketMenu } from './PacketMenu';
import { TimerStrip } from './TimerStrip';
import { laneHeadGeometry } from './laneHeadGeometry';
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
  /** The box's measured height (0 until measured: no layout, e.g. jsdom). */
  const [boxH, setBoxH] = useState(0);
  /** Where the student scrolled the box by hand, for the step and target it was scrolled at. */
  const [manual, setManual] = useState<{ top: number; cursor: number; target: number } | null>(null);
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
      setBoxH(el.clientHeight);
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
  const heads = useMemo(() => (layout ? laneHeadGeometry(layout, lecture ? 8.6 : 7) : null), [layout, lecture]);

  // Texts and geometry of every flight, notes, arrived packets' labels: once per run and layout,
  // so a step re-renders only the flights that move.
  const words = useMemo(() => ({ retransmission: t('diagram.retransmission'), duplicate: t('diagram.duplicate'), lost: t('diagram.lost') }), [t]);
  const labels = useMemo(() => (tl && layout ? diagramLabels(tl, layout, { numbers, lecture, words }) : null), [tl, layout, numbers, lecture, words]);
  const headNames = useMemo(() => (tl && labels
    ? tl.flights.map((f) => `${labels.texts[f.index].full} — ${hostLabel(t, f.fromHost)} → ${hostLabel(t, f.toHost)}`)
    : []), [tl, labels, t]);

  const current = cursor - 1;
  // The packets in flight: their dots, and their labels laid out together so none covers another.
  // Dense mode (more in flight than can be told apart, see DenseFlights): only the packets this
  // step is about (sent now, or selected) get their own dot, label and button; the others are
  // drawn as a few paths, one per visual class.
  const inFlight = view?.inFlight.length ?? 0;
  const dense = inFlight > DENSE_MIN;
  const own = useMemo(() => (view && dense
    ? view.inFlight.filter((fv) => fv.flight.sendStep === current || fv.flight.index === selected)
    : view?.inFlight ?? []), [view, dense, current, selected]);
  const crowd = useMemo(() => {
    if (!dense || !view || !labels || !layout) return null;
    const y = layout.y(current);
    const mine = new Set(own.map((fv) => fv.flight.index));
    const heads = view.inFlight.filter((fv) => !mine.has(fv.flight.index))
      .map((fv) => headAt(fv.flight, labels.flights[fv.flight.index].geo, fv.progress, current, y));
    // The row's dots drawn as paths, as boxes the labels of the step's own packets keep off.
    const avoid: Box[] = [];
    for (const x of heads.map((h) => h.x).sort((p, q) => p - q)) {
      const last = avoid.at(-1);
      const x0 = x - HEAD_R - 1;
      const x1 = x + HEAD_R + 1;
      if (last && x0 <= last.x1 + 2) last.x1 = Math.max(last.x1, x1);
      else avoid.push({ x0, y0: y - HEAD_R - 1, x1, y1: y + HEAD_R + 1 });
    }
    return { drawing: denseDrawing(heads, (i) => labels.flights[i].geo, (i) => labels.texts[i].tone), skip: new Set(heads.map((h) => h.flight.index)), avoid };
  }, [dense, view, labels, layout, current, own]);
  const moving = useMemo(() => (labels && view ? labels.inFlightAt(current, own, crowd?.avoid) : { heads: [], labels: [] }), [labels, view, current, own, crowd]);
  const headsByFlight = useMemo(() => new Map(moving.heads.map((h) => [h.flight.index, h])), [moving]);
  // Keep the current row in view near the bottom, with the rows its packets' labels may use below
  // it and as much of the past as fits above. The scroll position is a function of the cursor
  // (and the box's height), so stepping back shows exactly what was there before. It is computed
  // here, from the known geometry (no layout is read), so the rows near it are rendered in the
  // same commit and a seek is drawn in one frame.
  const target = useMemo(() => {
    if (!layout) return 0;
    const y = current < 0 ? 0 : layout.y(current);
    // Lecture mode: the view ends just below what this step draws (its row, or the lowest label
    // of a packet in flight), so a projector's height shows the past, not empty label rows.
    const below = lecture ? Math.max(row / 2, ...moving.labels.map((l) => l.box.y1 - y)) + 4 : row * (LABEL_TRACKS + 0.5);
    return Math.max(0, Math.round(y + below - boxH));
  }, [current, layout, row, boxH, lecture, moving]);
  // The rows drawn follow the target, unless the student scrolled by hand since this step.
  const scrollTop = manual && manual.cursor === current && manual.target === target ? manual.top : target;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !layout) return;
    if (Math.abs(el.scrollTop - target) < 1) return;
    if (typeof el.scrollTo === 'function') el.scrollTo({ top: target, behavior: reduced || direction !== 1 ? 'auto' : 'smooth' });
    else el.scrollTop = target;
  }, [target, current, layout, reduced, direction]);
  // Only rows near the viewport are rendered (all of them while an export draws the whole run).
  const kFrom = full || !layout ? 0 : Math.floor((scrollTop - layout.top) / row) - 6;
  const kTo = full || !layout ? Number.MAX_SAFE_INTEGER : Math.ceil((scrollTop + size.h) / row) + 6;
  // Scrolling within the rows rendered (a forward step's smooth scroll) re-renders nothing.
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop;
    if (!layout) return;
    if (Math.floor((top - layout.top) / row) - 2 >= kFrom && Math.ceil((top + size.h) / row) + 2 <= kTo) return;
    setManual({ top, cursor: current, target });
  }, [layout, row, size.h, current, target, kFrom, kTo]);

  const onOpen = useCallback((i: number) => openMenu(i), [openMenu]);
  const onSelect = useCallback((i: number) => { select(i); setPanel('inspector'); }, [select, setPanel]);

  if (!tl || !layout || !heads || !labels) return <div className="diagram-empty">{t('app.loading')}</div>;

  const duration = reduced ? 0 : Math.min(0.6, (stepDuration(speed) * 0.7) / 1000);
  const lostTag = t('diagram.lost');
  // Only what has happened is drawn, so the drawing ends a few rows below the current one (its
  // size never depends on the future of the run).
  const svgH = Math.max(size.h, layout.y(Math.max(current, 0)) + row * 6);
  // With many packets in flight only their heads glide and the arrows behind them just follow;
  // with very many (a bulk transfer) the packets step without gliding, to keep playback fluid.
  const animateLines = inFlight <= 40;
  const glide = inFlight <= 60;
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
    <div className="diagram" data-testid="sequence-diagram" data-in-flight={inFlight} data-dense={dense || undefined}>
      <LaneHeaders layout={layout} geo={heads} lecture={lecture} />
      <TimerStrip layout={layout} heads={heads.heads} />
      <div className="diagram-scroll" ref={setScrollBox} onScroll={onScroll} tabIndex={-1}>
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
          {labels.annotations.map((a, i) => {
            if (a.step > current || !visible(a.step, a.step)) return null;
            const n = labels.notes[i];
            if (!n) return null;
            return (
              <text key={i} className={`note${a.error ? ' error' : ''}`} x={n.x} y={layout.y(a.step)} dy="0.35em"
                textAnchor={n.anchor}>
                {a.call && <tspan className="note-call">{a.call}{a.error ? ` ✕ ${a.error}` : ''}</tspan>}
                {a.call && a.state && <tspan> </tspan>}
                {a.state && <tspan className={`note-state st-${a.state}`}>{a.state}</tspan>}
              </text>
            );
          })}
          {crowd && <DenseFlights drawing={crowd.drawing} />}
          {tl.flights.map((f) => {
            if (f.sendStep > current || crowd?.skip.has(f.index)) return null;
            const head = f.endStep > current ? headsByFlight.get(f.index) ?? null : null;
            const end = Math.min(f.endStep, current);
            if (!visible(f.sendStep, end)) return null;
            const fp = labels.flights[f.index];
            // Past its arrival a flight no longer changes: the same props let memo skip it.
            const settled = f.endStep < current;
            return (
              <FlightArrow key={f.index} flight={f} geo={fp.geo} current={settled ? f.endStep + 1 : current}
                head={head} tone={fp.text.tone} label={fp.label} tags={fp.text.tags} lostTag={lostTag} selected={selected === f.index}
                duration={settled || !animateLines ? 0 : duration} direction={direction} animateLine={animateLines}
                onSelect={onSelect} pillH={labels.metrics.pillH} />
            );
          })}
          <InFlightLabels labels={moving.labels} current={current} duration={glide ? duration : 0} direction={direction}
            selected={selected} pillH={labels.metrics.pillH} onOpen={onOpen} />
          {moving.heads.map((h) => {
            return (
              <PacketHead key={h.flight.index} head={h} current={current} tone={labels.texts[h.flight.index].tone} selected={selected === h.flight.index}
                duration={glide ? duration : 0} direction={direction} name={headNames[h.flight.index]} onOpen={onOpen} />
            );
          })}
        </svg>
        {menuFlight && menuGeo && (
          <PacketMenu flight={menuFlight} x={Math.min(layout.width - 250, Math.max(8, (menuGeo.x0 + menuGeo.x1) / 2 - 120))}
            y={menuTop(layout.y(Math.max(0, current)), row, scrollTop, size.h)} />
        )}
      </div>
      {dense && <p className="dense-count" data-testid="dense-count">{t('diagram.denseInFlight', { n: inFlight })}</p>}
      {cursor === 0 && <p className="diagram-hint">{t(live && tl.length === 0 ? 'real.diagram.empty' : 'diagram.empty')}</p>}
    </div>
  );
}
