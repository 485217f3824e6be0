// The playback loop: while `playing`, advance one step every STEP_MS / speed; stop at the end.
// Time comes from an injected scheduler so tests drive it without waiting.
import type { AppStore } from './createAppStore';

/** Duration of one step at 1× speed, ms. */
export const STEP_MS = 900;

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function stepDuration(speed: number): number {
  return STEP_MS / speed;
}

/** Starts the loop; returns a function that stops it. */
export function startPlaybackLoop(store: AppStore, scheduler: Scheduler): () => void {
  let handle: unknown = null;
  const cancel = () => {
    if (handle !== null) scheduler.clearTimeout(handle);
    handle = null;
  };
  const tick = () => {
    handle = null;
    const s = store.getState();
    if (!s.playing || !s.run) return;
    if (s.cursor >= s.run.timeline.length) {
      s.pause();
      return;
    }
    s.stepForward();
    if (store.getState().cursor >= s.run.timeline.length) store.getState().pause();
    else arm();
  };
  const arm = () => {
    cancel();
    handle = scheduler.setTimeout(tick, stepDuration(store.getState().speed));
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.playing && (!prev.playing || s.speed !== prev.speed)) {
      // Starting play moves at once: pressing Play must visibly do something.
      if (!prev.playing) tick();
      else arm();
    } else if (!s.playing && prev.playing) cancel();
  });
  return () => {
    unsubscribe();
    cancel();
  };
}
