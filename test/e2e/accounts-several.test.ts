// Two accounts in one window: adding the second from Settings, switching, unread counts per account, and removing one
// leaves one clean sidebar.
import xml from '@xmpp/xml';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, setPrivacy, signIn, waitUntilOnline } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  ui = await openSignedIn(server, 'alice', 'alice-pass');
  // Carol is in neither roster: her messages count as unread only with message requests off.
  await setPrivacy(ui.page, { holdRequests: false });
});

afterAll(async () => {
  await ui?.close();
  await server?.dispose();
});

describe('several accounts', () => {
  it('a second account is added from Settings, shows its unread count in the switcher, and removing it leaves the first one’s sidebar once', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Add account' }).click();
    await signIn(page, server.c2sPort, 'bob@localhost', 'bob-pass');
    await waitUntilOnline(page);
    const switcher = page.getByLabel('Account', { exact: true });
    await switcher.waitFor({ timeout: 10_000 });
    expect(await switcher.locator('option').allTextContents()).toEqual(['alice@localhost', 'bob@localhost']);
    await switcher.selectOption({ label: 'alice@localhost' });

    // A message to the account not on screen: the switcher says where it waits.
    const carol = await plainClient(server, 'carol', 'carol-pass');
    try {
      await carol.send(xml('message', { to: 'bob@localhost', type: 'chat', id: 'to-bob-1' }, xml('body', {}, 'Bob, are you there?')));
      await expect.poll(() => switcher.locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['alice@localhost', 'bob@localhost (1 unread)']);
      expect(await page.getByRole('status').filter({ hasText: 'unread in another account' }).textContent()).toBe('1 unread in another account');
      await page.screenshot({ path: join(resolve(import.meta.dirname, '..', '..', 'test-results'), 'accounts-unread.png') });
      await switcher.selectOption({ label: 'bob@localhost (1 unread)' });
      // Now bob's: nothing unread elsewhere, and opening the conversation reads it.
      await expect.poll(() => page.getByText('unread in another account').count()).toBe(0);
      await page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ }).click();
      await expect.poll(() => switcher.locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['alice@localhost', 'bob@localhost']);
    } finally {
      await carol.stop();
    }
    // Bob's account is removed while on screen, his conversation with carol open.
    await page.getByRole('region', { name: 'Conversation with carol@localhost' }).waitFor();

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove account' }).click();
    await settings.getByRole('button', { name: 'Remove', exact: true }).click();
    await settings.waitFor({ state: 'detached', timeout: 10_000 });

    await switcher.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.getByRole('region', { name: 'Conversations' }).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: 'Conversations' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Connection' }).getByText('alice@localhost').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Conversation with carol@localhost' }).count()).toBe(0);
    expect(await page.getByRole('navigation').count()).toBe(1);
  });
});
