// Steps the end-to-end tests take through the interface, as a user would.
import type { Page } from 'playwright-core';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import type { ProsodyServer } from '../server/prosody.ts';
import { waitForState } from '../support/connection.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';

/** Opens "Advanced" and points the account at the harness Prosody on 127.0.0.1. */
export async function fillServer(page: Page, port: number): Promise<void> {
  await page.getByRole('button', { name: 'Advanced' }).click();
  await page.getByLabel('Server').fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(port));
}

/** Fills the welcome screen's "Sign in" form and submits it. */
export async function signIn(page: Page, port: number, jid: string, password: string): Promise<void> {
  await page.getByLabel('Address').fill(jid);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await fillServer(page, port);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the account bar says the account is online (usable in hooks, where expect.poll is not). */
export async function waitUntilOnline(page: Page, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await page.getByRole('status').first().textContent({ timeout: 1_000 }).catch(() => null);
    if (text?.includes('Online')) return;
    if (Date.now() > deadline) throw new Error(`The account was not online after ${timeout} ms; its state reads “${text ?? ''}”.`);
    await page.waitForTimeout(200);
  }
}

/** A browser-mode instance trusting the harness CA, signed in as `username` and online. */
export async function openSignedIn(server: ProsodyServer, username: string, password: string): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, locale: 'en-US' });
  try {
    await signIn(ui.page, server.c2sPort, `${username}@${server.domain}`, password);
    await waitUntilOnline(ui.page);
    return ui;
  } catch (error) {
    await ui.close();
    throw error;
  }
}

/** Another XMPP client for the user, outside the UI under test (its resource is 'phone'), signed in. */
export async function plainClient(server: ProsodyServer, username: string, password: string): Promise<Connection> {
  const connection = createConnection({
    account: username,
    jid: `${username}@${server.domain}`,
    password,
    resource: 'phone',
    host: server.host,
    port: server.c2sPort,
    tls: 'starttls',
    extraCa: [server.caPem],
    pinned: [],
    logger: silentLogger,
  });
  connection.start();
  await waitForState(connection, (state) => state.status === 'online');
  return connection;
}
