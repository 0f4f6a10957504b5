// The browser mode's host on a given profile and Debian's Chromium (the e2e tests' own), and a fresh renderer build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, startBrowserHost } from '../../test/e2e/browser-mode.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
export const chromiumPath = '/usr/bin/chromium';

export interface BrowserHost {
  readonly browser: Browser;
  /** The app's address with its one-time token. */
  readonly url: string;
  close(): Promise<void>;
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
  const host = await startBrowserHost(profileDir);
  try {
    const browser = await launchChromium();
    return {
      browser,
      url: host.url,
      async close() {
        await browser.close();
        await host.stop();
      },
    };
  } catch (error) {
    await host.stop();
    throw error;
  }
}
