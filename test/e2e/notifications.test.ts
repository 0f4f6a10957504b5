// Browser mode: bob allows notifications in Settings; a message from alice puts "(1)" in the title and shows a Web
// notification, whose click opens the conversation. Alice and carol are plain XMPP clients on the same server.
import xml from '@xmpp/xml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, setPrivacy, waitUntilOnline } from './ui.ts';

interface Recorded {
  readonly title: string;
  readonly body: string | undefined;
}

declare global {
  interface Window {
    /** What the page asked the browser to show, recorded by the init script below. */
    causetteNotifications?: { title: string; body: string | undefined; notification: Notification }[];
    /** Each permission request, and whether it came from a user's gesture (HTML §6.4 user activation). */
    causettePermissionRequests?: { fromGesture: boolean }[];
  }
}

/** Runs in the page before Causette: every permission request and Notification made is kept, then passed to the browser. */
function recordNotifications(): void {
  const Original = window.Notification;
  const made: NonNullable<Window['causetteNotifications']> = [];
  const requests: NonNullable<Window['causettePermissionRequests']> = [];
  window.causetteNotifications = made;
  window.causettePermissionRequests = requests;
  const requestPermission = Original.requestPermission.bind(Original);
  window.Notification = class extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      made.push({ title, body: options?.body, notification: this });
    }
    static override requestPermission(): Promise<NotificationPermission> {
      requests.push({ fromGesture: navigator.userActivation.isActive });
      return requestPermission();
    }
  };
}

let server: ProsodyServer;
let bob: BrowserMode;
let alice: Connection;
let carol: Connection;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  bob = await openSignedIn(server, 'bob', 'bob-pass');
  [alice, carol] = await Promise.all([plainClient(server, 'alice', 'alice-pass'), plainClient(server, 'carol', 'carol-pass')]);
  // Alice and carol are not bob's contacts: with message requests on, their messages would make no notification.
  await setPrivacy(bob.page, { holdRequests: false });
});

afterAll(async () => {
  await carol?.stop();
  await alice?.stop();
  await bob?.close();
  await server?.dispose();
});

const send = (body: string) => alice.send(xml('message', { type: 'chat', to: `bob@${server.domain}`, id: `n-${Date.now()}` }, xml('body', {}, body)));
const recorded = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() => (window.causetteNotifications ?? []).map(({ title, body }) => ({ title, body })));

describe('notifications in the browser mode', () => {
  it('Settings asks the browser’s permission from the click on “Enable notifications”, and not before', async () => {
    const { page } = bob;
    await page.addInitScript(recordNotifications);
    await page.reload();
    await waitUntilOnline(page);
    const requests = () => page.evaluate(() => window.causettePermissionRequests ?? []);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('region', { name: 'Notifications' }).waitFor();
    expect(await requests()).toEqual([]);
    // Headless Chromium shows no prompt: this stands for the user's “Allow”, which the request below must ask for.
    await page.context().grantPermissions(['notifications'], { origin: new URL(bob.url).origin });
    expect(await dialog.getByText('Notifications are on').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Enable notifications' }).click();
    await dialog.getByText('Notifications are on').waitFor({ timeout: 5_000 });
    expect(await requests()).toEqual([{ fromGesture: true }]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('a message in a conversation that is not open updates the title and shows a notification; its click opens it', async () => {
    const { page } = bob;
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
    // Carol writes after that: her notification comes after any that alice's message would have made.
    await carol.send(xml('message', { type: 'chat', to: `bob@${server.domain}`, id: 'carol-1' }, xml('body', {}, 'Hello from carol')));
    await expect.poll(() => recorded(page), { timeout: 10_000 }).toHaveLength(2);
    expect(await recorded(page)).toEqual([
      { title: `alice@${server.domain}`, body: 'Are you there? <b>not bold</b>' },
      { title: `carol@${server.domain}`, body: 'Hello from carol' },
    ]);
  });
});
