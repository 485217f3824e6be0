// Scroll the nearest scrolling panel (only it, never the page) so `el` is in view, centred when
// it was not: a side tab showing the item a lesson step is about.
import { useLayoutEffect, type RefObject } from 'react';

function scrollBox(el: Element): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

export function revealInPanel(el: Element): void {
  const box = scrollBox(el);
  if (!box) return;
  const b = box.getBoundingClientRect();
  const e = el.getBoundingClientRect();
  if (e.top >= b.top && e.bottom <= b.bottom) return;
  box.scrollTop += e.top - b.top - Math.max(0, (b.height - e.height) / 2);
}

/** Reveal the element behind `ref` whenever `key` changes while `on`. */
export function useRevealWhen(ref: RefObject<Element | null>, on: boolean, key: unknown): void {
  useLayoutEffect(() => {
    if (on && ref.current) revealInPanel(ref.current);
  }, [ref, on, key]);
}
