// Message search through the interface: Ctrl+F, type, see the matched words marked, open the hit in its conversation.
import xml from '@xmpp/xml';
import type { Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;
/** Bob writes from a plain client of his own, so that alice's window is the only interface under test. */
let bob: Connection;
const dialogs: string[] = [];
let sent = 0;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
  alice.page.on('dialog', (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  bob = await plainClient(server, 'bob', 'bob-pass');
});

afterAll(async () => {
  await bob?.stop();
  await alice?.close();
  await server?.dispose();
});

async function bobSays(...bodies: string[]): Promise<void> {
  for (const body of bodies) {
    sent += 1;
    await bob.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: `bob-${sent}` }, xml('body', {}, body)));
  }
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search messages' });
const hits = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
const conversation = (page: Page) => page.getByRole('region', { name: `Conversation with bob@${server.domain}` });

/** Types as a person does, one key at a time, into an emptied search box. */
async function typeQuery(page: Page, text: string): Promise<void> {
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(text, { delay: 30 });
}

/** Whether the element is on screen inside the nearest scrolling box around it; not rendered (a virtualized list) is not. */
function onScreen(locator: Locator): Promise<boolean> {
  const visible = (element: Element) => {
    const box = element.getBoundingClientRect();
    let scroller = element.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight && getComputedStyle(scroller).overflowY !== 'visible')) scroller = scroller.parentElement;
    const view = (scroller ?? document.documentElement).getBoundingClientRect();
    return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
  };
  return locator
    .first()
    .evaluate(visible, undefined, { timeout: 1_000 })
    .catch(() => false);
}

describe('searching messages', () => {
  it('Ctrl+F, then typing finds the message with the matched words marked; a click opens the conversation at it', async () => {
    const { page } = alice;
    await bobSays('Shall we meet at Café Zürich on Saturday?', '<img src=x onerror=alert(1)> is not a picture');

    await page.locator('body').press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search messages');
    await typeQuery(page, 'cafe zur');
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBe(1);
    await expect(hits(page).first().textContent()).resolves.toMatch(/bob@localhost.*Shall we meet at Café Zürich on Saturday\?/);
    await expect(hits(page).first().locator('mark').allTextContents()).resolves.toEqual(['Café', 'Zürich']);
    await expect(page.getByRole('status').filter({ hasText: 'found' }).textContent()).resolves.toBe('1 message found');

    await hits(page).first().getByRole('button').click();
    const pane = conversation(page);
    await pane.waitFor({ timeout: 10_000 });
    await expect.poll(() => onScreen(pane.getByText('Shall we meet at Café Zürich on Saturday?')), { timeout: 10_000 }).toBe(true);
  });

  it('shows markup in a hit as text, and says when nothing matches', async () => {
    const { page } = alice;
    await typeQuery(page, 'onerror');
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBe(1);
    await expect(hits(page).first().textContent()).resolves.toContain('<img src=x onerror=alert(1)> is not a picture');
    expect(await page.getByRole('list', { name: 'Search results' }).locator('img').count()).toBe(0);

    await typeQuery(page, 'xylophone');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No messages found' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await hits(page).count()).toBe(0);
    await searchBox(page).press('Escape');
    await expect(searchBox(page).inputValue()).resolves.toBe('');
    expect(dialogs).toEqual([]);
  });

  it('a hit far back in a long conversation opens the conversation with that message in view (arrow down, Enter)', async () => {
    const { page } = alice;
    const filler = Array.from({ length: 150 }, (_, n) => `Filler line ${n + 1} about the weather`);
    await bobSays(...filler, 'The last line of all');
    await typeQuery(page, 'last line of all');
    await expect.poll(() => hits(page).count(), { timeout: 20_000 }).toBe(1);
    const pane = conversation(page);
    await pane.getByRole('button', { name: 'Close' }).click();
    await pane.waitFor({ state: 'detached' });

    // Bob's first message, 152 messages up: not in the newest page the conversation would open on.
    await typeQuery(page, 'zurich saturday');
    await expect.poll(async () => (await hits(page).allTextContents()).join(), { timeout: 10_000 }).toContain('Shall we meet');
    await searchBox(page).press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => onScreen(pane.getByText('Shall we meet at Café Zürich on Saturday?')), { timeout: 10_000 }).toBe(true);
    expect(await onScreen(pane.getByText('The last line of all'))).toBe(false);
  });

  it('another hit in the conversation already open scrolls it to that message', async () => {
    const { page } = alice;
    const pane = conversation(page);
    await pane.getByText('Shall we meet at Café Zürich on Saturday?').waitFor();
    await typeQuery(page, 'last line of all');
    await expect.poll(async () => (await hits(page).allTextContents()).join(), { timeout: 10_000 }).toContain('The last line of all');
    await hits(page).first().getByRole('button').click();
    await expect.poll(() => onScreen(pane.getByText('The last line of all')), { timeout: 10_000 }).toBe(true);

    await typeQuery(page, 'not a pict');
    await expect.poll(async () => (await hits(page).allTextContents()).join(), { timeout: 10_000 }).toContain('is not a picture');
    await hits(page).first().getByRole('button').click();
    await expect.poll(() => onScreen(pane.getByText('is not a picture')), { timeout: 10_000 }).toBe(true);
    expect(await onScreen(pane.getByText('The last line of all'))).toBe(false);
  });
});
