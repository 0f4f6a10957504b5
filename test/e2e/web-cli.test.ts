// `npm run web` as a user starts it: the token never appears on a command line (issue 9 §2.11), yet the browser it
// opens reaches the app with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchChromium } from './browser-mode.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-web-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Run {
  readonly child: ChildProcess;
  output(): string;
  exited(): Promise<number | null>;
}

function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const child = spawn(process.execPath, ['electron/web/cli.ts', ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exit;
    }
  });
  const exited = () =>
    new Promise<number | null>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the browser mode did not exit within 20 s:\n${output}`)), 20_000);
      void exit.then((code) => {
        clearTimeout(timer);
        done(code);
      });
    });
  return { child, output: () => output, exited };
}

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

const addressIn = (run: Run) => /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=([A-Za-z0-9_-]+))/.exec(run.output()) ?? undefined;

describe('the browser mode’s token', () => {
  it('goes neither on the host’s nor on the opener’s command line, and the page the opener gets leads to the app', async () => {
    const dir = tempDir();
    // Stands in for the desktop's opener: records the arguments it was started with.
    const bin = join(dir, 'bin');
    const openerLog = join(dir, 'opener-argv');
    await import('node:fs/promises').then((fs) => fs.mkdir(bin));
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > "${openerLog}"\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const run = runCli(['--profile', join(dir, 'profile')], { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` });
    const [, url = '', token = ''] = await until(() => addressIn(run), `the address printed:\n${run.output()}`);

    const hostArgv = readFileSync(`/proc/${String(run.child.pid)}/cmdline`, 'utf8');
    expect(hostArgv).not.toContain(token);
    const openerArgv = await until(() => existsSync(openerLog) && readFileSync(openerLog, 'utf8'), 'the opener started');
    expect(openerArgv).not.toContain(token);
    const launchPage = openerArgv.trim().split('\n')[1] ?? '';
    expect(launchPage).toBe(join(dir, 'profile', 'open-causette.html'));
    expect(statSync(launchPage).mode & 0o777).toBe(0o600);

    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(pathToFileURL(launchPage).href);
    await page.waitForURL((address) => address.origin === new URL(url).origin, { timeout: 10_000 });
    // The app talks to the core only with the token: the welcome screen's form shows once it is connected.
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
  });

  it('is refused on the command line, and taken from a file only the user can read', async () => {
    const dir = tempDir();
    const refused = runCli(['--no-open', '--profile', join(dir, 'profile'), '--token=abcdefghijklmnop0123']);
    expect(await refused.exited()).toBe(1);
    expect(refused.output()).toMatch(/--token is not accepted.*--token-file/s);

    const file = join(dir, 'token');
    writeFileSync(file, 'abcdefghijklmnop0123\n', { mode: 0o644 });
    const shared = runCli(['--no-open', '--profile', join(dir, 'profile'), '--token-file', file]);
    expect(await shared.exited()).toBe(1);
    expect(shared.output()).toMatch(/other users/);

    chmodSync(file, 0o600);
    const run = runCli(['--no-open', '--profile', join(dir, 'profile'), '--token-file', file]);
    const [, url = '', token] = await until(() => addressIn(run), `the address printed:\n${run.output()}`);
    expect(token).toBe('abcdefghijklmnop0123');

    // An address with another token says so, and where the right one is, instead of "connection lost".
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(url.replace('abcdefghijklmnop0123', 'abcdefghijklmnop9999'));
    const alert = page.getByRole('alert');
    await alert.getByText('This address’s access token is not valid.').waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('--token-file');
  });
});
