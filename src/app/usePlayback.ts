// Runs the playback loop for the app's store with the browser's timers.
import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';
import { startPlaybackLoop } from '../store/playbackLoop';

export function usePlayback(store: AppStore) {
  useEffect(() => startPlaybackLoop(store, {
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
  }), [store]);
}
