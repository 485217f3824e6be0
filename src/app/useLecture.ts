// Lecture mode: a clean stage, full screen when the browser allows it. Leaving full screen with
// the browser's own Escape also leaves lecture mode.
import { useCallback, useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';

export function useLecture(store: AppStore): () => void {
  const toggle = useCallback(() => {
    const on = !store.getState().lecture;
    store.getState().setLecture(on);
    const doc = document as Document & { fullscreenElement?: Element | null };
    try {
      if (on && !doc.fullscreenElement && document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(() => { /* not allowed here: the stage is clean anyway */ });
      } else if (!on && doc.fullscreenElement && document.exitFullscreen) {
        document.exitFullscreen().catch(() => {});
      }
    } catch { /* fullscreen unsupported */ }
  }, [store]);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && store.getState().lecture) store.getState().setLecture(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [store]);
  return toggle;
}
