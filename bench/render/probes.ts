// In-page measurements for the render benchmark: handed to page.evaluate, so each function is self-contained.

export interface OpenMarks {
  /** performance.now() when the first message row entered the "Messages" list. */
  readonly found: number;
  /** After the next animation frame and a task: the row has been painted. */
  readonly painted: number;
}

export interface ScrollArgs {
  /** Stop after this many message rows have passed through the list (virtualized), or at the top (a static list). */
  readonly messages: number;
  readonly until: 'rows' | 'top';
  /** Pixels scrolled up per animation frame. */
  readonly step: number;
  readonly maxFrames: number;
}

export interface ScrollResult {
  /** Time between consecutive animation frames, ms. */
  readonly frames: number[];
  /** Distinct message rows that entered the list while scrolling. */
  readonly passed: number;
  /** Frames spent at the very top, waiting for an older page. */
  readonly stuck: number;
  readonly durationMs: number;
  /** Pixels the list really moved under our steps (a step at the top moves nothing). */
  readonly distancePx: number;
}

interface BenchWindow {
  benchOpen?: { found: number; painted: number };
}

/** Arms a MutationObserver for the first row of the list named "Messages". */
export function watchFirstRow(): void {
  const marks = { found: -1, painted: -1 };
  (window as BenchWindow).benchOpen = marks;
  const observer = new MutationObserver(() => {
    if (marks.found >= 0 || document.querySelector('[role="list"][aria-label="Messages"] [role="listitem"]') === null) return;
    marks.found = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now()), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

export function openMarks(): OpenMarks | undefined {
  const marks = (window as BenchWindow).benchOpen;
  return marks && marks.painted >= 0 ? { found: marks.found, painted: marks.painted } : undefined;
}

/** Scrolls the list named "Messages" up by `step` pixels per animation frame, recording each frame's duration. */
export function scrollUp(args: ScrollArgs): Promise<ScrollResult> {
  const list = document.querySelector('[role="list"][aria-label="Messages"]');
  let scroller = list?.parentElement ?? null;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
  if (!list || !scroller) return Promise.reject(new Error('no scrollable list named “Messages”'));
  const box = scroller;
  const ids = () => [...list.querySelectorAll('[data-message-id]')].map((row) => row.getAttribute('data-message-id') ?? '');
  const initial = new Set(ids());
  const seen = new Set<string>();
  const frames: number[] = [];
  let stuck = 0;
  let distancePx = 0;
  const step = () => {
    const before = box.scrollTop;
    box.scrollTop -= args.step;
    distancePx += Math.max(0, before - box.scrollTop);
  };
  return new Promise((resolve) => {
    let last = 0;
    let started = 0;
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      for (const id of ids()) if (!initial.has(id)) seen.add(id);
      const atTop = box.scrollTop <= 0;
      if (atTop) stuck += 1;
      const done = args.until === 'top' ? atTop : seen.size >= args.messages;
      if (done || frames.length >= args.maxFrames) {
        resolve({ frames, passed: args.until === 'top' ? initial.size : seen.size, stuck: args.until === 'top' ? 0 : stuck, durationMs: now - started, distancePx });
        return;
      }
      step();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      started = now;
      step();
      requestAnimationFrame(tick);
    });
  });
}
