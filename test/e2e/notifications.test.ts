// Browser mode: bob allows notifications in Settings; a message from alice puts "(1)" in the title and shows a Web
// notification, whose click opens the conversation; so does a file she offers by Jingle. Alice and carol are plain XMPP
// clients on the same server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupJingleFileTransfer } from '../../electron/core/jingle/file-transfer/index.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { setupIqRouter } from '../../electron/core/xmpp/iq-router.ts';
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

  it('a file offered by Jingle shows “… wants to send you …” with its size; its click opens the conversation with the offer', async () => {
    const { page } = bob;
    // Bob writes to alice from the window, so that she knows where his device is; then he looks at carol's conversation.
    // Available, so that the server gives her what comes to her bare address (RFC 6121 §8.5.2.1).
    await alice.send(xml('presence'));
    const fromBob = new Promise<string>((resolve) => {
      const stop = alice.onStanza((stanza: Element) => {
        if (stanza.name !== 'message' || stanza.getChildText('body') !== 'Send me the report') return;
        stop();
        resolve(String(stanza.attrs.from));
      });
    });
    const withAlice = page.getByRole('region', { name: `Conversation with alice@${server.domain}` });
    await withAlice.getByRole('textbox', { name: 'Message' }).fill('Send me the report');
    await withAlice.getByRole('textbox', { name: 'Message' }).press('Enter');
    const bobDevice = await fromBob;
    await page.getByLabel('Start a chat with').fill(`carol@${server.domain}`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('region', { name: `Conversation with carol@${server.domain}` }).waitFor();

    const router = setupIqRouter({ connection: alice, logger: silentLogger });
    const jingle = setupJingleFileTransfer({ accountId: 'alice', connection: alice, router, transfers: createTransfers(() => undefined), logger: silentLogger, downloadsDir: () => tmpdir(), socks5: () => false });
    try {
      const path = join(mkdtempSync(join(tmpdir(), 'causette-offer-')), 'report.pdf');
      writeFileSync(path, randomBytes(2_100_000));
      await jingle.offer({ to: bobDevice, path, name: 'report.pdf' });
      const offerNotice = { title: `alice@${server.domain}`, body: `alice@${server.domain} wants to send you report.pdf (2.1 MB)` };
      await expect.poll(async () => (await recorded(page)).at(-1), { timeout: 10_000 }).toEqual(offerNotice);
      await page.evaluate(() => {
        window.causetteNotifications?.at(-1)?.notification.onclick?.(new Event('click'));
      });
      await withAlice.waitFor({ timeout: 10_000 });
      await withAlice.getByRole('button', { name: 'Decline report.pdf' }).click({ timeout: 10_000 });
    } finally {
      jingle.dispose();
      router.dispose();
    }
  });
});
