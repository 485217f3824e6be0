// Small hooks the lesson figures share: where the cursor is (virtual time and the last trace
// record applied) and the width a figure has, so its text is drawn at its real size.
import { useLayoutEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectCursor, selectTimeline } from '../../store/selectors';

/** Virtual time at the cursor and the index of the last trace record applied (-1: none). */
export function useCursorMoment(): { now: number; last: number } {
  const tl = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const step = tl && cursor > 0 ? tl.steps[cursor - 1] : undefined;
  return { now: step?.t ?? 0, last: step?.last ?? -1 };
}

/** The element's content width in CSS pixels (`fallback` until measured, e.g. in jsdom). */
export function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => { const w = Math.floor(el.clientWidth); if (w > 0) setWidth(w); };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** "Nice" ticks (1, 2, 5 × 10^k) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  const span = Math.max(hi - lo, 1e-9);
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}
