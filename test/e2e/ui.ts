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

/**
 * Settings → Privacy: whether receipts, read markers and typing go to everyone who writes (the default is contacts
 * only), and whether strangers' messages wait as message requests (the default is yes).
 */
export async function setPrivacy(page: Page, choices: { readonly shareWithEveryone?: boolean; readonly holdRequests?: boolean }): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  if (choices.shareWithEveryone !== undefined) {
    const choice = dialog.getByLabel('Send delivery receipts, read markers and typing notifications to');
    const value = choices.shareWithEveryone ? 'everyone' : 'contacts';
    await choice.selectOption(value);
    await dialog.locator(`select:has(option[value="${value}"]:checked)`).waitFor({ timeout: 5_000 });
  }
  if (choices.holdRequests !== undefined) {
    const hold = dialog.getByLabel('Hold messages from people not in my contacts as message requests');
    // The box follows the saved setting, so it changes once the core has it.
    if ((await hold.isChecked()) !== choices.holdRequests) await hold.click();
    await dialog.locator(`input[type="checkbox"]${choices.holdRequests ? ':checked' : ':not(:checked)'}`).and(hold).waitFor({ timeout: 5_000 });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
}
