// The browser mode's host (`node electron/web/cli.ts`) on a given profile, and Debian's Chromium driven by Playwright.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const projectRoot = resolve(import.meta.dirname, '..', '..');
export const chromiumPath = '/usr/bin/chromium';

export interface BrowserHost {
  readonly browser: Browser;
  /** The app's address with its one-time token. */
  readonly url: string;
  close(): Promise<void>;
}

function address(host: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the browser-mode host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolvePromise(match[1]);
    };
    host.stdout?.on('data', onData);
    host.stderr?.on('data', onData);
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser-mode host exited with ${String(code)}:\n${output}`));
    });
  });
}

/** SIGTERM to the host we started, SIGKILL to that same PID after 5 s. */
function stop(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null || host.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => host.kill('SIGKILL'), 5_000);
    host.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    host.kill('SIGTERM');
  });
}

/** Builds the renderer as `npm run web` does, so that the bench measures the interface as it is in the tree. */
export function buildRenderer(): void {
  const build = spawnSync(process.execPath, ['scripts/build.ts', '--renderer'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (build.status !== 0 || !existsSync(resolve(projectRoot, 'dist', 'renderer', 'index.html'))) {
    throw new Error(`\`node scripts/build.ts --renderer\` failed (${String(build.status ?? build.signal)}):\n${build.stderr.toString().slice(-2000)}`);
  }
}

export async function openBrowserHost(profileDir: string): Promise<BrowserHost> {
  if (!existsSync(chromiumPath)) throw new Error(`The render benchmark needs Chromium at ${chromiumPath} (sudo apt-get install chromium).`);
  const token = randomBytes(18).toString('base64url');
  const host = spawn(process.execPath, ['electron/web/cli.ts', '--no-open', '--profile', profileDir, `--token=${token}`], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await address(host);
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    return {
      browser,
      url,
      async close() {
        await browser.close();
        await stop(host);
      },
    };
  } catch (error) {
    await stop(host);
    throw error;
  }
}
