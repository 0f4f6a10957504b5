// Starts `npm run web`'s host as its own process and Debian's Chromium on it, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export interface BrowserMode {
  readonly page: Page;
  readonly url: string;
  readonly profileDir: string;
  /** Where the host saves downloaded files. */
  readonly downloadsDir: string;
  close(): Promise<void>;
}

export interface BrowserModeOptions {
  /** PEM of a certificate authority the host should trust (the harness CA). */
  readonly caPem?: string;
  /** A profile to use and keep (a restart); by default a fresh one, removed on close. */
  readonly profileDir?: string;
  /** The browser's language, which the interface follows; English unless a test asks otherwise. */
  readonly locale?: string;
}

/** The browser mode's host (`node electron/web/cli.ts`) on a profile, with the address it printed. */
export interface BrowserHost {
  /** The app's address with its one-time token. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startBrowserHost(profileDir: string, extraArgs: readonly string[] = []): Promise<BrowserHost> {
  const args = ['electron/web/cli.ts', '--no-open', '--profile', profileDir, ...extraArgs];
  const host = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return { url: await waitForAddress(host), stop: () => stopHost(host) };
  } catch (error) {
    await stopHost(host);
    throw error;
  }
}

/** Debian's Chromium, headless, with nothing of its own going to the network, in a given language (English by default). */
export function launchChromium(locale = 'en-US'): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', `--lang=${locale}`],
  });
}

export async function openBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dir = mkdtempSync(join(tmpdir(), 'causette-e2e-'));
  const profileDir = options.profileDir ?? join(dir, 'profile');
  const downloadsDir = join(dir, 'downloads');
  const extraArgs: string[] = ['--downloads', downloadsDir];
  if (options.caPem) {
    writeFileSync(join(dir, 'ca.pem'), options.caPem);
    extraArgs.push('--ca', join(dir, 'ca.pem'));
  }
  let host: BrowserHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startBrowserHost(profileDir, extraArgs);
    const locale = options.locale ?? 'en-US';
    browser = await launchChromium(locale);
    // A context of its own (not browser.newPage()): axe-core's Playwright binding needs one.
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    const [opened, started] = [browser, host];
    return {
      page,
      url: host.url,
      profileDir,
      downloadsDir,
      async close() {
        await opened.close();
        await started.stop();
        rmSync(dir, { recursive: true, force: true });
        if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
      },
    };
  } catch (error) {
    await browser?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function waitForAddress(host: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    host.stdout?.on('data', onData);
    host.stderr?.on('data', onData);
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}

function stopHost(host: ChildProcess): Promise<void> {
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
