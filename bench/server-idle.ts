// Waits until the server has finished the work the previous run left it (a closed session's unavailable presence to
// thousands of contacts, the component's answers), so that each measured run starts with an idle server.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** utime + stime of a process in clock ticks (proc(5): fields 14 and 15, after the command name in parentheses). */
async function cpuTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Resolves once the process has used no CPU for `quietMs` (or after `maxMs`). Where /proc cannot be read (not Linux),
 * waits `fallbackMs` instead: a pause longer than the work a closed session leaves.
 */
export async function serverIdle(pid: number, { quietMs = 200, pollMs = 50, maxMs = 10_000, fallbackMs = 1_500 } = {}): Promise<void> {
  let last = await cpuTicks(pid);
  if (last === undefined) return void (await sleep(fallbackMs));
  const deadline = Date.now() + maxMs;
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    await sleep(pollMs);
    const now = await cpuTicks(pid);
    if (now === undefined) return;
    if (now !== last) quietSince = Date.now();
    last = now;
  }
}
