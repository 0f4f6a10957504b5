// What the bench parent tells a load client (one child process per run) and what the client reports back.

export interface LoadJob {
  readonly host: string;
  /** XEP-0368 direct TLS port: the baseline library takes a CA per connection only for direct TLS. */
  readonly port: number;
  readonly caPem: string;
  readonly jid: string;
  readonly password: string;
  readonly contacts: number;
  readonly online: number;
  readonly contactDomain: string;
  readonly timeoutMs: number;
}

/** Milliseconds from 'connect' (the call that starts the connection), and memory after load. */
export interface LoadResult {
  readonly online: number;
  readonly roster: number;
  readonly presence: number;
  /** Causette only: every online contact's resource has its client name (XEP-0115 caps verified). */
  readonly clientNames?: number;
  /** Causette only: how many 'roster.changed' events the load took. */
  readonly rosterEvents?: number;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}

/** The job a child was started with (its first argument); each scenario has its own job type. */
export function readJob<J = LoadJob>(): J {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('usage: node <client>.ts <job JSON>');
  return JSON.parse(raw) as J;
}

/** Memory once the load has settled, after a full GC (children run with --expose-gc), in MiB. */
export function settledMemory(): { heapUsedMiB: number; rssMiB: number } {
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { heapUsedMiB: mib(heapUsed), rssMiB: mib(rss) };
}

/** Resolves after `quietMs` without a call to poke(), or at `maxMs`: lets late work (caps, store writes) finish. */
export function quiet(quietMs: number, maxMs: number): { poke(): void; settled: Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let done: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (done = resolve));
  const cap = setTimeout(() => done(), maxMs);
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => done(), quietMs);
  };
  poke();
  return {
    poke,
    settled: settled.finally(() => {
      clearTimeout(timer);
      clearTimeout(cap);
    }),
  };
}

/** The child's answer: one JSON line, the last thing it prints. */
export function report(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
