// Runs one measured client as a child process (its own heap, so memory figures are its own), bounded by a timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-job.ts';

export type Side = 'causette' | 'baseline';

const loadScripts: Record<Side, string> = {
  causette: fileURLToPath(new URL('./clients/causette-load.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./clients/baseline-load.ts', import.meta.url)),
};

export interface ChildOptions {
  /** Hears every stdout line as it comes: a child that another waits for says it is ready on a line of its own. */
  readonly onLine?: (line: string) => void;
  /** Ends the child (by its PID) before its time: its partner failed. */
  readonly signal?: AbortSignal;
}

/** `CAUSETTE_BENCH_CPU_PROF=<folder>`: each child writes a V8 CPU profile there, named for its label (Node refuses --cpu-prof in NODE_OPTIONS). */
function profiling(label: string): string[] {
  const folder = process.env.CAUSETTE_BENCH_CPU_PROF;
  if (!folder) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${folder}`, `--cpu-prof-name=${label.replace(/[^\w-]+/g, '-')}-\${pid}.cpuprofile`];
}

/** Starts `script` with the job as JSON; resolves with the last stdout line it printed, parsed as JSON. */
export function runChild<R>(label: string, script: string, job: { readonly timeoutMs: number }, options: ChildOptions = {}): Promise<R> {
  const { onLine, signal: abort } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...profiling(label), script, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let heard = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!onLine) return;
      const complete = stdout.lastIndexOf('\n') + 1;
      for (const line of stdout.slice(heard, complete).split('\n').filter(Boolean)) onLine(line);
      heard = complete;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // The child stops itself at job.timeoutMs; this is the backstop, aimed at its PID only.
    const end = () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    };
    const backstop = setTimeout(end, job.timeoutMs + 5_000);
    abort?.addEventListener('abort', end, { once: true });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(backstop);
      abort?.removeEventListener('abort', end);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as R);
      reject(new Error(`${label} exited with ${String(code ?? signal)}\n${stderr.trim()}`));
    });
  });
}

export function runLoad(side: Side, job: LoadJob): Promise<LoadResult> {
  return runChild<LoadResult>(`${side} load`, loadScripts[side], job);
}
