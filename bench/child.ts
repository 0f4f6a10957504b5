// Runs one measured client as a child process (its own heap, so memory figures are its own), bounded by a timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-job.ts';

export type Side = 'causette' | 'baseline';

const loadScripts: Record<Side, string> = {
  causette: fileURLToPath(new URL('./clients/causette-load.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./clients/baseline-load.ts', import.meta.url)),
};

/** Starts `script` with the job as JSON; resolves with the last stdout line it printed, parsed as JSON. */
export function runChild<R>(label: string, script: string, job: { readonly timeoutMs: number }): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // The child stops itself at job.timeoutMs; this is the backstop, aimed at its PID only.
    const backstop = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }, job.timeoutMs + 5_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(backstop);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as R);
      reject(new Error(`${label} exited with ${String(code ?? signal)}\n${stderr.trim()}`));
    });
  });
}

export function runLoad(side: Side, job: LoadJob): Promise<LoadResult> {
  return runChild<LoadResult>(`${side} load`, loadScripts[side], job);
}
