// Browser mode: bob allows notifications in Settings; a message from alice puts "(1)" in the title and shows a Web
// notification, whose click opens the conversation. Alice is a plain XMPP client on the same server.
import xml from '@xmpp/xml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, waitUntilOnline } from './ui.ts';

interface Recorded {
  readonly title: string;
  readonly body: string | undefined;
}

declare global {
  interface Window {
    /** What the page asked the browser to show, recorded by the init script below. */
    causetteNotifications?: { title: string; body: string | undefined; notification: Notification }[];
  }
}

/** Runs in the page before Causette: every Notification made is kept, and still shown by the browser. */
function recordNotifications(): void {
  const Original = window.Notification;
  const made: NonNullable<Window['causetteNotifications']> = [];
  window.causetteNotifications = made;
  window.Notification = class extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      made.push({ title, body: options?.body, notification: this });
    }
  };
}

let server: ProsodyServer;
let bob: BrowserMode;
let alice: Connection;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bob = await openSignedIn(server, 'bob', 'bob-pass');
  alice = await plainClient(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.stop();
  await bob?.close();
  await server?.dispose();
});

const send = (body: string) => alice.send(xml('message', { type: 'chat', to: `bob@${server.domain}`, id: `n-${Date.now()}` }, xml('body', {}, body)));
const recorded = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() => (window.causetteNotifications ?? []).map(({ title, body }) => ({ title, body })));

describe('notifications in the browser mode', () => {
  it('Settings asks the browser’s permission from a click', async () => {
    const { page } = bob;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('region', { name: 'Notifications' }).waitFor();
    await page.context().grantPermissions(['notifications'], { origin: new URL(bob.url).origin });
    await dialog.getByRole('button', { name: 'Enable notifications' }).click();
    await dialog.getByText('Notifications are on').waitFor({ timeout: 5_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('a message in a conversation that is not open updates the title and shows a notification; its click opens it', async () => {
    const { page } = bob;
    await page.addInitScript(recordNotifications);
    await page.reload();
    await waitUntilOnline(page);
    expect(await page.title()).toBe('Causette');

    await send('Are you there? <b>not bold</b>');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('(1) Causette');
    await expect.poll(() => recorded(page), { timeout: 10_000 }).toEqual([{ title: `alice@${server.domain}`, body: 'Are you there? <b>not bold</b>' }]);

    // As if the user clicked it in the system's notification area.
    await page.evaluate(() => {
      window.causetteNotifications?.[0]?.notification.onclick?.(new Event('click'));
    });
    const pane = page.getByRole('region', { name: `Conversation with alice@${server.domain}` });
    await pane.waitFor({ timeout: 10_000 });
    await expect.poll(() => pane.getByRole('list', { name: 'Messages' }).textContent(), { timeout: 10_000 }).toContain('Are you there? <b>not bold</b>');
    // Shown, so read: the count leaves the title.
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Causette');
  });

  it('no notification for a message in the conversation the user is looking at', async () => {
    const { page } = bob;
    const pane = page.getByRole('region', { name: `Conversation with alice@${server.domain}` });
    await send('Still here');
    await expect.poll(() => pane.getByRole('list', { name: 'Messages' }).textContent(), { timeout: 10_000 }).toContain('Still here');
    // The core decided when it stored the message, before the page showed it; a notification would have arrived by now.
    await page.waitForTimeout(500);
    expect(await recorded(page)).toHaveLength(1);
  });
});
