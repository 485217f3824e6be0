// Playback: the cursor and how it moves. Controls *request* moves; the view is recomputed from the
// timeline for the new cursor, so stepping back shows exactly what was there before.
import type { PlaybackSlice, SliceCreator } from './types';
import { clampCursor } from '../timeline';

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get) => {
  const moveTo = (target: number, direction: 1 | -1 | 0) => {
    const tl = get().run?.timeline;
    if (!tl) return;
    const cursor = clampCursor(target, tl.length);
    if (cursor === get().cursor && get().view) return;
    set({ cursor, direction, view: tl.viewAt(cursor) });
  };
  return {
    cursor: 0,
    playing: false,
    speed: 1,
    direction: 0,
    view: null,
    seek: (c) => moveTo(c, c > get().cursor ? (c === get().cursor + 1 ? 1 : 0) : c === get().cursor - 1 ? -1 : 0),
    stepForward: () => moveTo(get().cursor + 1, 1),
    stepBack: () => {
      if (get().playing) set({ playing: false });
      moveTo(get().cursor - 1, -1);
    },
    jumpStart: () => {
      set({ playing: false });
      moveTo(0, 0);
    },
    jumpEnd: () => {
      set({ playing: false });
      moveTo(Number.MAX_SAFE_INTEGER, 0);
    },
    play: () => {
      const tl = get().run?.timeline;
      if (!tl) return;
      // Playing from the end starts over, as a media player does.
      if (get().cursor >= tl.length) moveTo(0, 0);
      set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    setSpeed: (speed) => {
      if (!Number.isFinite(speed)) return;
      set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
    },
  };
};
