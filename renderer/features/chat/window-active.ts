// Whether the window is shown and focused, as a React hook: what is on screen then counts as read.
import { useSyncExternalStore } from 'react';

/** The window is shown and has the focus. */
export function windowActive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function subscribe(changed: () => void): () => void {
  document.addEventListener('visibilitychange', changed);
  window.addEventListener('focus', changed);
  window.addEventListener('blur', changed);
  return () => {
    document.removeEventListener('visibilitychange', changed);
    window.removeEventListener('focus', changed);
    window.removeEventListener('blur', changed);
  };
}

export function useWindowActive(): boolean {
  return useSyncExternalStore(subscribe, windowActive);
}
