// Runs one load client as a child process (its own heap, so memory figures are its own), bounded by a timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-job.ts';

export type Side = 'causette' | 'baseline';

const scripts: Record<Side, string> = {
  causette: fileURLToPath(new URL('./clients/causette-load.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./clients/baseline-load.ts', import.meta.url)),
};

export function runLoad(side: Side, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', scripts[side], JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as LoadResult);
      reject(new Error(`${side} load exited with ${String(code ?? signal)}\n${stderr.trim()}`));
    });
  });
}
