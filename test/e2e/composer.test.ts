// The message box: the interface's font, growing with its text up to a limit and then scrolling (the list staying on
// the newest message), Enter to send and Shift+Enter for a new line, or Ctrl+Enter to send when the settings say so,
// and pasted lines arriving as lines at a real second client.
import xml from '@xmpp/xml';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;
let page: Page;
let bob: Connection;
let bobJid: string;
/** The bodies bob's client received, in order. */
const received: string[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bobJid = `bob@${server.domain}`;
  bob = await plainClient(server, 'bob', 'bob-pass');
  bob.onStanza((stanza) => {
    const body = stanza.name === 'message' ? stanza.getChildText('body') : null;
    if (body !== null) received.push(body);
  });
  // Available, so that messages to bob's address come to this client (RFC 6121 §8.5.2.1).
  await bob.send(xml('presence'));
  ui = await openSignedIn(server, 'alice', 'alice-pass');
  page = ui.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await conversations.getByRole('textbox', { name: 'Start a chat with' }).fill(bobJid);
  await conversations.getByRole('button', { name: 'Open', exact: true }).click();
  await box().waitFor({ timeout: 10_000 });
});

afterAll(async () => {
  await bob?.stop();
  await ui?.close();
  await server?.dispose();
});

function conversation(): Locator {
  return page.getByRole('region', { name: `Conversation with ${bobJid}` });
}

function box(): Locator {
  return conversation().getByRole('textbox', { name: 'Message' });
}

const height = () => box().evaluate((element) => element.getBoundingClientRect().height);

/** Waits until bob's client has received `count` bodies in all, and gives the last. */
async function bobReceives(count: number): Promise<string | undefined> {
  await expect.poll(() => received.length, { timeout: 10_000 }).toBe(count);
  return received.at(-1);
}

/** Nothing more reaches bob for a while: what was typed was not sent. */
async function nothingSent(count: number): Promise<void> {
  await page.waitForTimeout(800);
  expect(received.length).toBe(count);
}

describe('the message box', () => {
  it('writes in the interface’s font and colours, not a monospace one', async () => {
    const style = await box().evaluate((element) => {
      const own = getComputedStyle(element);
      const page = getComputedStyle(document.body);
      return { family: own.fontFamily, pageFamily: page.fontFamily, size: own.fontSize, pageSize: page.fontSize, colour: own.color, text: page.color };
    });
    expect(style.family).not.toMatch(/mono/i);
    expect(style.family.split(',')[0]).toBe(style.pageFamily.split(',')[0]);
    expect(style.size).toBe(style.pageSize);
    expect(style.colour).toBe(style.text);
  });

  it('sends with Enter; Shift+Enter starts a new line', async () => {
    await box().pressSequentially('Hello Bob');
    await box().press('Enter');
    await expect(bobReceives(1)).resolves.toBe('Hello Bob');
    await expect(box().inputValue()).resolves.toBe('');
    await box().pressSequentially('one');
    await box().press('Shift+Enter');
    await box().pressSequentially('two');
    await expect(box().inputValue()).resolves.toBe('one\ntwo');
    await nothingSent(1);
    await box().press('Enter');
    await expect(bobReceives(2)).resolves.toBe('one\ntwo');
  });

  it('keeps the lines of pasted text', async () => {
    const pasted = 'First pasted line\nSecond pasted line\n\nAfter a blank line';
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await box().focus();
    await page.keyboard.press('Control+V');
    await expect(box().inputValue()).resolves.toBe(pasted);
    await box().press('Enter');
    await expect(bobReceives(3)).resolves.toBe(pasted);
  });

  it('grows with its lines up to a limit, then scrolls; the list stays on the newest message', async () => {
    // Enough messages for the list to scroll.
    for (let n = 1; n <= 12; n += 1) await bob.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: `fill-${n}` }, xml('body', {}, `Filler ${n}`)));
    await conversation().getByRole('listitem').filter({ hasText: 'Filler 12' }).waitFor({ timeout: 10_000 });
    const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');
    const one = await height();
    await box().fill(lines(3));
    const three = await height();
    await box().fill(lines(6));
    const six = await height();
    expect(three).toBeGreaterThan(one + 20);
    expect(six).toBeGreaterThan(three + 40);
    await box().fill(lines(40));
    const most = await height();
    await box().fill(lines(80));
    expect(await height()).toBe(most);
    expect(most).toBeLessThan(page.viewportSize()?.height ?? 0);
    const scrolls = await box().evaluate((element) => element.scrollHeight > element.clientHeight + 100 && getComputedStyle(element).overflowY === 'auto');
    expect(scrolls).toBe(true);
    const fromBottom = () =>
      conversation()
        .getByRole('list', { name: 'Messages' })
        .evaluate((list) => {
          const scroller = list.parentElement as HTMLElement;
          return scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
        });
    await expect.poll(fromBottom, { timeout: 2_000 }).toBeLessThan(2);
    await expect(conversation().getByRole('button', { name: 'Jump to latest' }).count()).resolves.toBe(0);
    await box().fill('');
    // Held at its height for the frame of the edit, then back to one line.
    await expect.poll(height, { timeout: 2_000 }).toBe(one);
  });

  it('with “Ctrl+Enter” chosen in the settings, Enter starts a new line and Ctrl+Enter sends', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('heading', { name: 'Messages' }).waitFor();
    await dialog.getByLabel('Send a message with').selectOption('ctrlEnter');
    await dialog.locator('select:has(option[value="ctrlEnter"]:checked)').waitFor({ timeout: 5_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const description = await box().evaluate((element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(description).toBe('Ctrl+Enter sends, Enter starts a new line');

    await box().pressSequentially('first');
    await box().press('Enter');
    await box().pressSequentially('second');
    await box().press('Shift+Enter');
    await box().pressSequentially('third');
    await expect(box().inputValue()).resolves.toBe('first\nsecond\nthird');
    await nothingSent(3);
    await box().press('Control+Enter');
    await expect(bobReceives(4)).resolves.toBe('first\nsecond\nthird');
    await expect(box().inputValue()).resolves.toBe('');

    // Kept: after a reload, Enter still breaks the line.
    await page.reload();
    const entry = page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: new RegExp(bobJid) });
    await entry.waitFor({ timeout: 10_000 });
    if ((await conversation().count()) === 0) await entry.click();
    await box().pressSequentially('after');
    await box().press('Enter');
    await expect(box().inputValue()).resolves.toBe('after\n');
    await nothingSent(4);
  });
});
