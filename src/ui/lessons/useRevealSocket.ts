// When a lesson step brings the state machine or the sockets tab forward, show the socket the
// step is about — the one of the record its anchor points at — instead of whatever sits at the
// top: its state's node or its card is marked (data-lesson-focus) and scrolled into the tab's view.
// The panels are not the lesson's: they are found in the DOM by what they already expose
// (the state nodes' data-state, the socket cards in the order of the view's sockets).
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectTimeline, selectView } from '../../store/selectors';
import type { Timeline } from '../../timeline';
import { nodeFor } from '../state-machine/stateGraph';
import type { TcpState } from '../../sim/trace/records';

const MARK = 'data-lesson-focus';

/** The timeline socket a record is about: its own, or for a packet the receiver on delivery, else the sender. */
export function socketOfRecord(tl: Timeline, index: number): number {
  const own = tl.recSock[index] ?? -1;
  if (own >= 0) return own;
  const r = tl.trace[index];
  if (!r || (r.type !== 'segment' && r.type !== 'datagram' && r.type !== 'icmp')) return -1;
  const f = tl.flights.find((x) => x.sendRec === index || x.endRec === index);
  if (!f) return -1;
  return r.event === 'deliver' && f.toSock >= 0 ? f.toSock : f.fromSock;
}

/** Scroll `box` (only it) so `el` is in view, centred when it was not. */
function revealIn(box: HTMLElement, el: Element) {
  const b = box.getBoundingClientRect();
  const e = el.getBoundingClientRect();
  if (e.top >= b.top && e.bottom <= b.bottom) return;
  box.scrollTop += e.top - b.top - Math.max(0, (b.height - e.height) / 2);
}

export function useRevealSocket(panel: 'state' | 'sockets' | null, record: number | null) {
  const tl = useAppStore(selectTimeline);
  const view = useAppStore(selectView);
  const shown = useRef<{ el: Element; record: number | null } | null>(null);
  const sock = tl && record !== null && record >= 0 ? socketOfRecord(tl, record) : -1;
  const sv = sock >= 0 ? view?.sockets.find((s) => s.info.id === sock) : undefined;
  const index = sv && view ? view.sockets.indexOf(sv) : -1;
  const node = sv?.state ? nodeFor(sv.state as TcpState, sv.prev) : null;

  useEffect(() => {
    const box = document.getElementById('side-tabpanel');
    if (!box || panel === null) return;
    const find = (): Element | null => {
      if (panel === 'state') return node ? box.querySelector(`[data-state="${node}"]`) : null;
      return index >= 0 ? box.querySelectorAll('.sock-card')[index] ?? null : null;
    };
    const mark = (): boolean => {
      const el = find();
      for (const old of box.querySelectorAll(`[${MARK}]`)) if (old !== el) old.removeAttribute(MARK);
      if (!el) return false;
      el.setAttribute(MARK, '');
      if (shown.current?.el !== el || shown.current.record !== record) { shown.current = { el, record }; revealIn(box, el); }
      return true;
    };
    if (mark()) return () => { box.querySelectorAll(`[${MARK}]`).forEach((e) => e.removeAttribute(MARK)); };
    // The tab's content may still be loading: wait for it.
    const mo = new MutationObserver(() => { if (mark()) mo.disconnect(); });
    mo.observe(box, { childList: true, subtree: true });
    return () => { mo.disconnect(); box.querySelectorAll(`[${MARK}]`).forEach((e) => e.removeAttribute(MARK)); };
  }, [panel, node, index, view, record]);
}
