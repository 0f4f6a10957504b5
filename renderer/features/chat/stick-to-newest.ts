// A list at its newest message stays there when it gets shorter (the message box growing); scrolling away, by the
// reader or by the app, lets it go.
import { useEffect, useRef, type RefObject } from 'react';

export interface StickToNewest {
  readonly onScroll: () => void;
  /** The view goes elsewhere (a search hit, a quoted message): it no longer sticks. */
  readonly leave: () => void;
}

export function useStickToNewest(scrollRef: RefObject<HTMLElement | null>, hasNewer: boolean, threshold: number): StickToNewest {
  const atNewest = useRef(false);
  /** The height the observer last saw: a scroll while the height differs is the browser's own, for the resize under way. */
  const seenHeight = useRef(0);
  const newer = useRef(hasNewer);
  newer.current = hasNewer;

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(() => {
      seenHeight.current = scroller.clientHeight;
      if (atNewest.current) scroller.scrollTop = scroller.scrollHeight;
    });
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scrollRef]);

  return {
    onScroll: () => {
      const scroller = scrollRef.current;
      if (!scroller || scroller.clientHeight !== seenHeight.current) return;
      atNewest.current = !newer.current && scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < threshold;
    },
    leave: () => {
      atNewest.current = false;
    },
  };
}
