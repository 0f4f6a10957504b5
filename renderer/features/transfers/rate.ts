// A transfer's speed and time left, from the progress the core reported: bytes over the last few seconds, so that the
// figure follows the link as it is now rather than the average since the start.

export interface Sample {
  /** When the progress was seen (ms). */
  readonly at: number;
  readonly done: number;
}

/** The span the speed is measured over. */
export const RATE_WINDOW_MS = 4_000;

/**
 * The samples with one more, those older than the window dropped (one older is kept as the window's start); progress
 * that went back (a transfer started again) starts the measure again.
 */
export function addSample(samples: readonly Sample[], next: Sample, windowMs = RATE_WINDOW_MS): readonly Sample[] {
  const last = samples.at(-1);
  const kept = last && (next.done < last.done || next.at < last.at) ? [next] : [...samples, next];
  let first = 0;
  while (first < kept.length - 2 && (kept[first + 1]?.at ?? next.at) <= next.at - windowMs) first += 1;
  return kept.slice(first);
}

/** Bytes per second over the samples; undefined until two samples half a second apart say something. */
export function speedOf(samples: readonly Sample[]): number | undefined {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at - first.at < 500) return undefined;
  return ((last.done - first.done) * 1000) / (last.at - first.at);
}

/** Whole seconds left at this speed; undefined when it cannot be told (no speed yet, or stalled). */
export function secondsLeft(size: number, done: number, speed: number | undefined): number | undefined {
  if (speed === undefined || speed <= 0) return undefined;
  return Math.ceil(Math.max(0, size - done) / speed);
}
