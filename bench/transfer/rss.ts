// Resident memory of the process moving the bytes, sampled while it moves them: the peak once a quarter of the file has
// passed and the peak at the end, so that memory growing with the file shows (issue 13 point 8), and the kernel's peak.

const SAMPLE_EVERY_MS = 20;
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface RssFigures {
  /** Highest sample until a quarter of the bytes had passed. */
  readonly peakAtQuarterMiB: number;
  /** Highest sample over the whole transfer. */
  readonly peakMiB: number;
  /** getrusage(2) ru_maxrss: the process's peak over its life, start-up included. */
  readonly maxRssMiB: number;
  /** The JavaScript heap in use after a full GC (children run with --expose-gc) at a quarter and at the end: what is kept. */
  readonly heapAtQuarterMiB: number;
  readonly heapAtEndMiB: number;
}

function heapAfterGc(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Samples RSS every 20 ms from now; `moved(bytes)` says how far the transfer is; `stop()` gives the figures. */
export function sampleRss(size: number) {
  let peak = process.memoryUsage.rss();
  let atQuarter: number | undefined;
  let heapAtQuarter: number | undefined;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    moved(bytes: number): void {
      if (atQuarter !== undefined || bytes < size / 4) return;
      sample();
      atQuarter = peak;
      heapAtQuarter = heapAfterGc();
    },
    stop(): RssFigures {
      clearInterval(timer);
      sample();
      const heapAtEnd = heapAfterGc();
      return {
        peakAtQuarterMiB: mib(atQuarter ?? peak),
        peakMiB: mib(peak),
        maxRssMiB: mib(process.resourceUsage().maxRSS * 1024),
        heapAtQuarterMiB: mib(heapAtQuarter ?? heapAtEnd),
        heapAtEndMiB: mib(heapAtEnd),
      };
    },
  };
}
