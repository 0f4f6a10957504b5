// "Go to" (Ctrl/Cmd+K): from anywhere in the window, a name or address typed, arrows and Enter open the conversation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'bea', password: 'bea-pass' },
    ],
  });
  ui = await openSignedIn(server, 'alice', 'alice-pass');
  for (const [jid, name] of [
    ['bob@localhost', 'Bob Durand'],
    ['bea@localhost', 'Béatrice'],
  ] as const) {
    await ui.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill(jid);
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
});

afterAll(async () => {
  await ui?.close();
  await server?.dispose();
});

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Go to' });
const focused = (page: Page) => page.evaluate(() => ({ label: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id, tag: document.activeElement?.tagName }));

describe('Go to (Ctrl+K)', () => {
  it('opens from the keyboard with the field focused, finds contacts without case or accents, and opens the chosen one', async () => {
    const { page } = ui;
    await page.getByRole('searchbox', { name: 'Search contacts' }).focus();
    await page.keyboard.press('Control+k');
    const field = dialog(page).getByRole('combobox', { name: 'Conversation or contact' });
    await field.waitFor();
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);

    await page.keyboard.type('b');
    const options = dialog(page).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('Béatrice'), expect.stringContaining('Bob Durand')]);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.type('EA');
    await expect.poll(() => options.count()).toBe(1);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await page.keyboard.press('Enter');

    const chat = page.getByRole('region', { name: 'Conversation with Bob Durand' });
    await chat.waitFor();
    await dialog(page).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'TEXTAREA' });
    // Written in, it becomes a recent conversation, which the next test finds first.
    await page.keyboard.type('Found you');
    await page.keyboard.press('Enter');
    await chat.getByRole('listitem').filter({ hasText: 'Found you' }).waitFor({ timeout: 10_000 });
  });

  it('lists the recent conversations before anything is typed, says when nothing matches, and Escape gives the focus back', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('Control+k');
    const options = dialog(page).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('Bob Durand')]);
    await page.keyboard.type('nobody');
    await dialog(page).getByRole('status').filter({ hasText: 'No conversation or contact matches “nobody”.' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
  });

  it('is also a button in the top bar', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Go to…' }).click();
    await dialog(page).getByRole('option', { name: /Bob Durand/ }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Conversation with Bob Durand' }).waitFor();
  });
});
