import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { fillServer, signIn, waitUntilOnline } from './ui.ts';

const outputDir = resolve(import.meta.dirname, '..', '..', 'test-results');
let server: ProsodyServer;

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }] });
});
afterAll(async () => {
  await server.dispose();
});

describe('signing in through the browser mode', () => {
  let ui: BrowserMode;
  afterAll(async () => ui?.close());

  it('a new user creates an account on the server, is signed in and sees “Online”', async () => {
    ui = await openBrowserMode({ caPem: server.caPem });
    const { page } = ui;
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Address').fill('dora@localhost');
    await page.getByLabel('Password', { exact: true }).fill('dora-secret-1');
    await page.getByLabel('Confirm password').fill('dora-secret-1');
    await fillServer(page, server.c2sPort);
    await page.getByRole('button', { name: 'Create account' }).click();
    await waitUntilOnline(page);
    await expect.poll(() => page.getByText('dora@localhost').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(outputDir, 'signed-in.png') });
  });
});

describe('creating an account on a server whose certificate is not trusted', () => {
  it('asks about the certificate as signing in does; once trusted, the account is created, signed in, and the pin kept', async () => {
    const profileDir = join(mkdtempSync(join(tmpdir(), 'causette-e2e-register-')), 'profile');
    // The harness CA is not given: its certificate is as unknown as a self-hosted server's.
    const first = await openBrowserMode({ profileDir });
    try {
      const { page } = first;
      await page.getByRole('tab', { name: 'Create account' }).click();
      await page.getByLabel('Address').fill('gina@localhost');
      await page.getByLabel('Password', { exact: true }).fill('gina-secret-1');
      await page.getByLabel('Confirm password').fill('gina-secret-1');
      await page.getByLabel('Remember password').check();
      await fillServer(page, server.c2sPort);
      await page.getByRole('button', { name: 'Create account' }).click();
      const dialog = page.getByRole('dialog', { name: 'Untrusted certificate' });
      await dialog.waitFor({ timeout: 20_000 });
      expect(await dialog.getByLabel('SHA-256 fingerprint').textContent()).toBe(server.fingerprint256);
      await dialog.getByRole('button', { name: 'Trust this certificate' }).click();
      await waitUntilOnline(page);
      await expect.poll(() => page.getByText('gina@localhost').first().isVisible()).toBe(true);
    } finally {
      await first.close();
    }

    // A restart on the same profile signs in by itself, with no question: the certificate stayed pinned to the account.
    const again = await openBrowserMode({ profileDir });
    try {
      await waitUntilOnline(again.page);
      await expect.poll(() => again.page.getByText('gina@localhost').first().isVisible()).toBe(true);
      expect(await again.page.getByRole('dialog', { name: 'Untrusted certificate' }).count()).toBe(0);
    } finally {
      await again.close();
      rmSync(join(profileDir, '..'), { recursive: true, force: true });
    }
  });
});

describe('sign-in errors on screen', () => {
  it('a wrong password says so in plain words, without quoting the server’s mechanism', async () => {
    const ui = await openBrowserMode({ caPem: server.caPem });
    try {
      await signIn(ui.page, server.c2sPort, 'alice@localhost', 'not-her-password');
      const alert = ui.page.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toBe('Wrong password for alice@localhost, or no such account on localhost.');
    } finally {
      await ui.close();
    }
  });

  it('a first sign-in to a port that is not XMPP fails once, keeps what was typed, and works once the port is corrected', async () => {
    const ui = await openBrowserMode({ caPem: server.caPem });
    try {
      const { page } = ui;
      // Prosody's HTTP port answers, but not in XMPP.
      await signIn(page, server.httpPort, 'alice@localhost', 'alice-pass');
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 20_000 });
      // Given up at once, not retried: the status is not a countdown, and the form is ready to correct.
      expect(await page.getByRole('status').first().textContent()).not.toMatch(/Reconnecting|attempt/);
      await page.waitForTimeout(1_500);
      expect(await page.getByRole('status').first().textContent()).not.toMatch(/Reconnecting|attempt/);
      expect(await page.getByLabel('Address').inputValue()).toBe('alice@localhost');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('alice-pass');
      expect(await page.getByLabel('Port').inputValue()).toBe(String(server.httpPort));
      await page.getByLabel('Port').fill(String(server.c2sPort));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitUntilOnline(page);
    } finally {
      await ui.close();
    }
  });

  it('a first sign-in to a server that never answers can be cancelled, and the form keeps what was typed', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const ui = await openBrowserMode({ caPem: server.caPem });
    try {
      const { page } = ui;
      const port = (silent.address() as AddressInfo).port;
      await signIn(page, port, 'alice@localhost', 'alice-pass');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.getByLabel('Address').isEditable(), { timeout: 10_000 }).toBe(true);
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('alice-pass');
      expect(await page.getByLabel('Port').inputValue()).toBe(String(port));
      expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    } finally {
      await ui.close();
      silent.close();
    }
  });

  it('an untrusted certificate shows its SHA-256 fingerprint and can be trusted explicitly', async () => {
    const selfSigned = await startProsody({ certificate: 'self-signed', users: [{ username: 'alice', password: 'alice-pass' }] });
    const ui = await openBrowserMode();
    try {
      const { page } = ui;
      await signIn(page, selfSigned.c2sPort, 'alice@localhost', 'alice-pass');
      const dialog = page.getByRole('dialog', { name: 'Untrusted certificate' });
      await dialog.waitFor({ timeout: 20_000 });
      expect(await dialog.getByLabel('SHA-256 fingerprint').textContent()).toBe(selfSigned.fingerprint256);
      await page.screenshot({ path: join(outputDir, 'untrusted-certificate.png') });
      await dialog.getByRole('button', { name: 'Trust this certificate' }).click();
      await waitUntilOnline(page);
    } finally {
      await ui.close();
      await selfSigned.dispose();
    }
  });
});
