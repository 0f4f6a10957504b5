// Browser mode's idle time for auto-away: the page has no system idle time, so it counts from the last input.

/** Time since the last pointer or keyboard input, or since the page was hidden (no input can reach it then). */
export function createIdleTracker(start: number) {
  let lastInput = start;
  let hiddenAt: number | undefined;
  return {
    input(now: number): void {
      lastInput = now;
    },
    hidden(now: number): void {
      hiddenAt = now;
    },
    /** Coming back to the page is activity. */
    visible(now: number): void {
      hiddenAt = undefined;
      lastInput = now;
    },
    idleSeconds(now: number): number {
      const since = hiddenAt ?? lastInput;
      return Math.max(0, Math.floor((now - since) / 1000));
    },
  };
}

/** After a report of this many idle seconds, the next input is reported at once so auto-away ends without delay. */
export const returnThresholdSeconds = 60;

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Reports idle seconds every interval (and at once on return from idleness); returns a function that stops it. */
export function startIdleReporter(report: (idleSeconds: number) => void, intervalMs = 30_000): () => void {
  const tracker = createIdleTracker(Date.now());
  let reported = 0;
  const send = () => {
    reported = tracker.idleSeconds(Date.now());
    report(reported);
  };
  const onInput = () => {
    tracker.input(Date.now());
    if (reported >= returnThresholdSeconds) send();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') tracker.hidden(Date.now());
    else {
      tracker.visible(Date.now());
      if (reported >= returnThresholdSeconds) send();
    }
  };
  const options = { capture: true, passive: true } as const;
  for (const name of inputEvents) window.addEventListener(name, onInput, options);
  document.addEventListener('visibilitychange', onVisibility);
  if (document.visibilityState === 'hidden') tracker.hidden(Date.now());
  const timer = window.setInterval(send, intervalMs);
  return () => {
    window.clearInterval(timer);
    for (const name of inputEvents) window.removeEventListener(name, onInput, options);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
