// Finds the Electron binary for `npm start`. Electron 45 downloads it on first use, not at `npm install`,
// so this fetches it once with the package's own install.js and explains plainly when that cannot happen.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronRuntime = { readonly binary: string } | { readonly missing: string };

/** The executable named by node_modules/electron/path.txt, if it is really there. */
function installedBinary(electronDir: string): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export function ensureElectron(electronDir: string, env: NodeJS.ProcessEnv): ElectronRuntime {
  const found = installedBinary(electronDir);
  if (found !== undefined) return { binary: found };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { missing: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded' };
  console.log('Downloading the Electron runtime (only the first time)…');
  // install.js prints a stack trace on failure: keep its stderr and show only the reason.
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env });
  const installed = result.status === 0 ? installedBinary(electronDir) : undefined;
  if (installed !== undefined) return { binary: installed };
  const reason = result.stderr?.split('\n').find((line) => line.trim() !== '')?.trim() ?? result.error?.message ?? 'no reason given';
  return { missing: `downloading it failed with “${reason}” (is this machine offline?)` };
}

export function missingElectronMessage(reason: string): string {
  return [
    `Causette cannot open its desktop window: the Electron runtime is not installed; ${reason}.`,
    'To install it, run `npx install-electron` with network access, or reinstall with `npm ci` online, then `npm start` again.',
    'Without Electron, the browser mode runs the same app: `npm run web`.',
  ].join(' ');
}
