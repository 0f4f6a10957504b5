// The Settings dialog in browser mode, driven by accessible names: the theme, the notification sound and mute, direct file
// transfers, what browser mode leaves out, and removing the account with its two questions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { fillServer, waitUntilOnline } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }] });
  alice = await openBrowserMode({ caPem: server.caPem, locale: 'en-US' });
  // With the password remembered, so that removing the account has one to ask about.
  const { page } = alice;
  await page.getByLabel('Address').fill(`alice@${server.domain}`);
  await page.getByLabel('Password', { exact: true }).fill('alice-pass');
  await page.getByLabel('Remember password').check();
  await fillServer(page, server.c2sPort);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitUntilOnline(page);
});

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click({ timeout: 20_000 });
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor({ timeout: 5_000 });
  return dialog;
}

// The secret box also holds each account's OMEMO store key, which is not a password.
const savedPasswords = () => Object.keys(JSON.parse(readFileSync(join(alice.profileDir, 'passwords.json'), 'utf8')) as object).filter((key) => !key.startsWith('omemo-store-key:'));
const rootTheme = (page: Page) => page.locator('html').getAttribute('data-theme');
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the Settings dialog', () => {
  it('switches to the dark theme at once, whatever the system says, and keeps it after a reload', async () => {
    const { page } = alice;
    await page.emulateMedia({ colorScheme: 'light' });
    const dialog = await openSettings(page);
    expect(await rootTheme(page)).toBe('system');
    expect(await background(page)).toBe('rgb(243, 244, 247)');

    await dialog.getByLabel('Theme').selectOption({ label: 'Dark' });
    await expect.poll(() => rootTheme(page), { timeout: 5_000 }).toBe('dark');
    expect(await background(page)).toBe('rgb(21, 23, 27)');

    // Every theme the page takes from its very start: a reload must not flash the system's before the settings load.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { causetteThemes: string[] }).causetteThemes = seen;
      new MutationObserver(() => seen.push(document.documentElement.dataset['theme'] ?? '')).observe(document, { subtree: true, attributeFilter: ['data-theme'] });
    });
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => rootTheme(page), { timeout: 5_000 }).toBe('dark');
    expect(await background(page)).toBe('rgb(21, 23, 27)');
    expect(await page.evaluate(() => (window as unknown as { causetteThemes: string[] }).causetteThemes)).toEqual(['dark']);

    // "System" follows the media query again.
    const again = await openSettings(page);
    await again.getByLabel('Theme').selectOption({ label: 'System (light)' });
    await expect.poll(() => rootTheme(page), { timeout: 5_000 }).toBe('system');
    expect(await background(page)).toBe('rgb(243, 244, 247)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page)).toBe('rgb(21, 23, 27)');
    await page.emulateMedia({ colorScheme: null });
    await again.getByRole('button', { name: 'Close' }).click();
  });

  it('mutes notifications for an hour, says until when, and unmutes', async () => {
    const { page } = alice;
    const dialog = await openSettings(page);
    const section = dialog.getByRole('region', { name: 'Notifications' });
    await section.getByLabel('Mute notifications').selectOption({ label: 'For 1 hour' });
    const before = Date.now();
    await section.getByRole('button', { name: 'Mute', exact: true }).click();
    const status = section.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 5_000 }).toMatch(/^Muted until ([A-Z][a-z]+ )?\d{1,2}:\d{2}(\s[AP]M)?$/);
    // An hour from the click, in the browser's clock and the interface's language; its weekday when that is another day.
    const hourLater = await page.evaluate(
      (moments) =>
        moments.map((at) => {
          const end = new Date(at + 60 * 60 * 1000);
          const sameDay = end.toDateString() === new Date(at).toDateString();
          return new Intl.DateTimeFormat('en', { ...(sameDay ? {} : { weekday: 'long' }), hour: 'numeric', minute: '2-digit' }).format(end);
        }),
      [before, Date.now()],
    );
    expect(hourLater.map((time) => `Muted until ${time}`)).toContain(await status.textContent());
    expect(await section.getByLabel('Mute notifications').count()).toBe(0);

    // Kept by the core: still muted in a new page.
    await page.reload();
    const reopened = (await openSettings(page)).getByRole('region', { name: 'Notifications' });
    await expect.poll(() => reopened.getByRole('status').textContent(), { timeout: 5_000 }).toMatch(/^Muted until /);
    await reopened.getByRole('button', { name: 'Unmute' }).click();
    await reopened.getByLabel('Mute notifications').waitFor({ timeout: 5_000 });
    expect(await reopened.getByRole('status').count()).toBe(0);
  });

  it('turns the notification sound off and keeps it so', async () => {
    const { page } = alice;
    const sound = page.getByRole('dialog', { name: 'Settings' }).getByLabel('Play a sound with new message notifications');
    expect(await sound.isChecked()).toBe(true);
    // Checked as the core answers, not at the click.
    await sound.click();
    await expect.poll(() => sound.isChecked(), { timeout: 5_000 }).toBe(false);
    await page.reload();
    const reopened = (await openSettings(page)).getByLabel('Play a sound with new message notifications');
    await expect.poll(() => reopened.isChecked(), { timeout: 5_000 }).toBe(false);
  });

  it('forbids direct file transfers from the keyboard, keeps it so, and the dialog stays axe-clean', async () => {
    const { page } = alice;
    const direct = page.getByRole('dialog', { name: 'Settings' }).getByLabel('Allow direct file transfers (reveals your IP address to the contact)');
    expect(await direct.isChecked()).toBe(true);
    expect(await direct.getAttribute('aria-describedby')).toBeTruthy();
    await direct.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => direct.isChecked(), { timeout: 5_000 }).toBe(false);
    expect(await violations(page)).toEqual([]);
    await page.reload();
    const reopened = (await openSettings(page)).getByLabel('Allow direct file transfers (reveals your IP address to the contact)');
    await expect.poll(() => reopened.isChecked(), { timeout: 5_000 }).toBe(false);
    await reopened.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => reopened.isChecked(), { timeout: 5_000 }).toBe(true);
  });

  it('offers no tray option in browser mode, which has no tray', async () => {
    const dialog = alice.page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('region', { name: 'Presence' }).waitFor();
    expect(await dialog.getByLabel('Keep running in the tray when the window is closed').count()).toBe(0);
  });

  it('removes the account after asking about its history (kept by default) and its password (deleted by default)', async () => {
    const { page } = alice;
    expect(savedPasswords()).toHaveLength(1);
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Remove account' }).click();
    const question = dialog.getByRole('group', { name: /^Remove alice@localhost from Causette\?/ });
    const history = question.getByLabel('Also delete its message history on this computer');
    const password = question.getByLabel('Also delete its saved password');
    expect(await history.isChecked()).toBe(false);
    expect(await password.isChecked()).toBe(true);
    expect(await question.getByText('If kept, the history comes back when you add this account again.').count()).toBe(1);

    // The safe answer has the focus; "Keep account" leaves everything as it was.
    expect(await question.getByRole('button', { name: 'Keep account' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await history.check();
    expect(await question.getByText('This cannot be undone.', { exact: false }).count()).toBe(1);
    await question.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome to Causette' }).waitFor({ timeout: 10_000 });
    expect(savedPasswords()).toEqual([]);
  });
});
