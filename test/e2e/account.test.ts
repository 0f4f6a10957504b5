import { mkdirSync } from 'node:fs';
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

describe('sign-in errors on screen', () => {
  it('a wrong password shows the server’s refusal', async () => {
    const ui = await openBrowserMode({ caPem: server.caPem });
    try {
      await signIn(ui.page, server.c2sPort, 'alice@localhost', 'not-her-password');
      const alert = ui.page.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/password/i);
    } finally {
      await ui.close();
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
