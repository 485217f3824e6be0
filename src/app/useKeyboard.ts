// Global keys: Space play/pause, ←/→ and PageUp/PageDown (presentation clickers) step,
// Home/End jump, L lecture mode, B blank (in lecture mode), Escape closes menus / leaves lecture.
import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return (target as HTMLInputElement).type !== 'range';
  return false;
}

export function handleKey(store: AppStore, e: KeyboardEvent, toggleLecture: () => void): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (typingInto(e.target)) return false;
  const s = store.getState();
  // The lesson index and the workbench are pages of their own: the stage's keys rest there.
  if (s.mode !== 'stage' && e.key !== '?' && e.key !== 'Escape') return false;
  const onButton = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A' || e.target.getAttribute('role') === 'button');
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      // Space on a focused button presses that button, as everywhere else.
      if (onButton) return false;
      s.togglePlay();
      return true;
    case 'ArrowRight':
    case 'PageDown':
      s.stepForward();
      return true;
    case 'ArrowLeft':
    case 'PageUp':
      s.stepBack();
      return true;
    case 'Home':
      s.jumpStart();
      return true;
    case 'End':
      s.jumpEnd();
      return true;
    case 'l':
    case 'L':
      toggleLecture();
      return true;
    case 'b':
    case 'B':
    case '.': // many clickers send "." for their blank-screen button
      if (!s.lecture) return false;
      s.toggleBlank();
      return true;
    case '?':
      s.setHelp(!s.help);
      return true;
    case 'Escape':
      if (s.help) { s.setHelp(false); return true; }
      if (s.menu !== null) { s.openMenu(null); return true; }
      if (s.blank) { s.toggleBlank(); return true; }
      if (s.lecture) { toggleLecture(); return true; }
      return false;
    default:
      return false;
  }
}

export function useKeyboard(store: AppStore, toggleLecture: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleKey(store, e, toggleLecture)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, toggleLecture]);
}
