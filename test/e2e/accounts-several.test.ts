// Two accounts in one window: adding the second from Settings, switching, and removing one leaves one clean sidebar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, signIn, waitUntilOnline } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }, { username: 'bob', password: 'bob-pass' }] });
  ui = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await ui?.close();
  await server?.dispose();
});

describe('several accounts', () => {
  it('a second account is added from Settings; removing it leaves the first one’s sidebar once', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Add account' }).click();
    await signIn(page, server.c2sPort, 'bob@localhost', 'bob-pass');
    await waitUntilOnline(page);
    const switcher = page.getByLabel('Account', { exact: true });
    await switcher.waitFor({ timeout: 10_000 });
    expect(await switcher.locator('option').allTextContents()).toEqual(['alice@localhost', 'bob@localhost']);
    await switcher.selectOption({ label: 'alice@localhost' });

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove account' }).click();
    await settings.getByRole('button', { name: 'Remove', exact: true }).click();
    await settings.waitFor({ state: 'detached', timeout: 10_000 });

    await switcher.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.getByRole('region', { name: 'Conversations' }).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: 'Conversations' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Connection' }).getByText('bob@localhost').count()).toBe(1);
  });
});
