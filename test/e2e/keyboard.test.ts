// The keyboard alone, with a visible focus ring: sign in, open a conversation, send, move through the messages and
// reach their actions, search, change presence (sent once chosen, not at each arrow); new messages announced politely;
// dialogs keep the focus inside and give it back to the control that opened them.
import xml from '@xmpp/xml';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { plainClient } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;
let page: Page;
let bob: Connection;
let bobJid: string;
/** Alice's other device: it hears each presence her window sends (RFC 6121 §4.4.2). */
let phone: Connection | undefined;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bobJid = `bob@${server.domain}`;
  bob = await plainClient(server, 'bob', 'bob-pass');
  ui = await openBrowserMode({ caPem: server.caPem });
  page = ui.page;
});

afterAll(async () => {
  await phone?.stop();
  await bob?.stop();
  await ui?.close();
  await server?.dispose();
});

interface Focused {
  readonly tag: string;
  readonly type: string;
  readonly name: string;
  readonly inDialog: boolean;
  /** The focus ring as drawn: an outline or a box shadow. */
  readonly ring: boolean;
}

/** What has the keyboard focus: its element, its name as a label or its text gives it, and whether a ring shows. */
function focused(target: Page): Promise<Focused> {
  return target.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { tag: '', type: '', name: '', inDialog: false, ring: false };
    const labelled = element as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
    const name = (element.getAttribute('aria-label') ?? labelled.labels?.[0]?.textContent ?? element.textContent ?? '').trim();
    const style = getComputedStyle(element);
    const drawn = (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    const ring = element.matches(':focus-visible') && drawn;
    return { tag: element.tagName.toLowerCase(), type: element.getAttribute('type') ?? '', name, inDialog: element.closest('dialog') !== null, ring };
  });
}

/** Presses Tab (Shift+Tab backwards) until the focus is on what `wanted` accepts; fails after `limit` presses. */
async function tabTo(wanted: (focus: Focused) => boolean, what: string, { limit = 60, back = false } = {}): Promise<Focused> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focused(page);
    if (wanted(focus)) return focus;
  }
  throw new Error(`Tab never reached ${what} in ${limit} presses; the focus is on ${JSON.stringify(await focused(page))}.`);
}

const named = (name: string, tag?: string) => (focus: Focused) => focus.name === name && (tag === undefined || focus.tag === tag);

async function waitFor(condition: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeout} ms.`);
    await page.waitForTimeout(100);
  }
}

describe('with the keyboard alone', () => {
  it('signs in from the focused address field, with a focus ring on each control reached, and lands in the sidebar', async () => {
    await page.getByRole('heading', { name: 'Welcome to Causette' }).waitFor({ timeout: 10_000 });
    // The cursor starts in the first field.
    await waitFor(async () => named('Address', 'input')(await focused(page)), 'The address field taking the focus on open');
    expect((await focused(page)).ring).toBe(true);
    await page.keyboard.type(`alice@${server.domain}`);
    await tabTo(named('Password', 'input'), 'the password field');
    await page.keyboard.type('alice-pass');
    expect((await tabTo(named('Advanced', 'button'), 'Advanced')).ring).toBe(true);
    await page.keyboard.press('Enter');
    await tabTo(named('Server', 'input'), 'the server field');
    await page.keyboard.type('127.0.0.1');
    await tabTo(named('Port', 'input'), 'the port field');
    await page.keyboard.type(String(server.c2sPort));
    const submit = await tabTo((focus) => focus.type === 'submit' && focus.name === 'Sign in', 'the Sign in button');
    expect(submit.ring).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Connection' }).getByText('Online').waitFor({ timeout: 20_000 });
    // Signed in, the focus lands in the sidebar (no contacts yet: on "Add contact"), not on the page.
    await waitFor(async () => named('Add contact', 'button')(await focused(page)), 'The focus going to “Add contact” once signed in');
  });

  it('opens a conversation and sends a message', async () => {
    expect((await tabTo(named('Start a chat with', 'input'), 'the new chat field')).ring).toBe(true);
    await page.keyboard.type(bobJid);
    await page.keyboard.press('Enter');
    const conversation = page.getByRole('region', { name: `Conversation with ${bobJid}` });
    await conversation.waitFor({ timeout: 10_000 });
    // Opening a conversation puts the cursor in its message box.
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'Message' });
    await page.keyboard.type('Sent without a mouse');
    await page.keyboard.press('Enter');
    await conversation.getByRole('listitem').filter({ hasText: 'Sent without a mouse' }).waitFor({ timeout: 10_000 });
    await waitFor(() => conversation.getByRole('img', { name: /^(Sent|Delivered|Read)$/ }).count().then((count) => count > 0), 'The server acknowledging the message');
  });

  it('announces a new message of the open conversation through a polite live region', async () => {
    const region = page.getByRole('region', { name: `Conversation with ${bobJid}` }).locator('[aria-live="polite"]');
    expect(await region.textContent()).toBe('');
    await bob.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: 'kb-1' }, xml('body', {}, 'Did the keyboard send that?')));
    await waitFor(async () => (await region.textContent()) === `New message from ${bobJid}: Did the keyboard send that?`, 'The announcement of bob’s message');
  });

  it('the messages are one tab stop: the arrows move between them, Tab reaches the focused one’s actions', async () => {
    const conversation = page.getByRole('region', { name: `Conversation with ${bobJid}` });
    const toolbarOpacity = (text: string) =>
      conversation
        .getByRole('listitem')
        .filter({ hasText: text })
        .getByRole('group', { name: 'Message actions' })
        .evaluate((element) => getComputedStyle(element).opacity);
    // Back from the message box: the newest message, not its buttons.
    await page.keyboard.press('Shift+Tab');
    const newest = await focused(page);
    expect(newest).toMatchObject({ tag: 'div', ring: true });
    expect(newest.name).toContain('Did the keyboard send that?');
    await page.keyboard.press('ArrowUp');
    const ours = await focused(page);
    expect(ours.name).toContain('Sent without a mouse');
    expect(ours.ring).toBe(true);
    await expect.poll(() => toolbarOpacity('Sent without a mouse')).toBe('1');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).name).toContain('Did the keyboard send that?');
    await page.keyboard.press('ArrowUp');
    // Tab goes through this message's actions only, then on to the message box.
    const names: string[] = [];
    for (let presses = 0; presses < 8; presses += 1) {
      await page.keyboard.press('Tab');
      const focus = await focused(page);
      if (focus.tag === 'textarea') break;
      expect(focus.ring).toBe(true);
      names.push(focus.name);
    }
    expect(names).toEqual(['Reply', 'React', 'Edit', 'Copy text', 'Delete for everyone']);
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'Message' });
    // And back: one stop, the message last focused.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).toContain('Sent without a mouse');
    // Enter goes into its actions, Escape back out; Reply from there answers it.
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Reply' });
    await page.keyboard.press('Escape');
    expect((await focused(page)).name).toContain('Sent without a mouse');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await conversation.getByRole('group', { name: 'Message being answered' }).waitFor({ timeout: 5_000 });
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'Message' });
    await page.keyboard.press('Escape');
    await conversation.getByRole('group', { name: 'Message being answered' }).waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('searches and opens the hit', async () => {
    await page.keyboard.press('Control+f');
    expect(await focused(page)).toMatchObject({ tag: 'input', name: 'Search messages' });
    await page.keyboard.type('keyboard');
    const hit = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await hit.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    const onHit = await focused(page);
    expect(onHit.name).toContain('Did the keyboard send that?');
    expect(onHit.ring).toBe(true);
    await page.keyboard.press('Enter');
    const message = page.getByRole('region', { name: `Conversation with ${bobJid}` }).locator('.message.highlighted');
    await waitFor(() => message.filter({ hasText: 'Did the keyboard send that?' }).count().then((count) => count === 1), 'The hit highlighted in its conversation');
  });

  it('changes presence from the Status menu, sending it once chosen and not at each arrow', async () => {
    phone = await plainClient(server, 'alice', 'alice-pass');
    const heard: string[] = [];
    phone.onStanza((stanza) => {
      const from: unknown = stanza.attrs.from;
      if (stanza.name === 'presence' && typeof from === 'string' && from.startsWith(`alice@${server.domain}/`) && !from.endsWith('/phone'))
        heard.push(stanza.getChildText('show') ?? 'online');
    });
    // Available, the phone hears the window's presence as it is.
    await phone.send(xml('presence'));
    await waitFor(() => Promise.resolve(heard.length > 0), 'The window’s presence reaching the phone');
    const sentBefore = heard.length;
    const status = page.getByLabel('Status', { exact: true });
    expect(await status.inputValue()).toBe('online');
    expect((await tabTo(named('Status', 'select'), 'the Status menu', { back: true })).ring).toBe(true);
    // Down twice: Available → Free for chat → Away shows as the choice, nothing sent yet.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await status.inputValue()).toBe('away');
    await page.getByText('Press Enter to apply').waitFor({ timeout: 2_000 });
    await page.waitForTimeout(1_500);
    expect(heard.slice(sentBefore)).toEqual([]);
    // Enter sends it, once.
    await page.keyboard.press('Enter');
    await waitFor(() => Promise.resolve(heard.length > sentBefore), 'The phone hearing Away');
    await page.waitForTimeout(1_000);
    expect(heard.slice(sentBefore)).toEqual(['away']);
    // Down then Escape: back to Away, nothing sent.
    await page.keyboard.press('ArrowDown');
    expect(await status.inputValue()).toBe('xa');
    await page.keyboard.press('Escape');
    expect(await status.inputValue()).toBe('away');
    await page.waitForTimeout(1_000);
    expect(heard.slice(sentBefore)).toEqual(['away']);
    // Kept by Causette, not only chosen on the page: a fresh window shows it too.
    await page.reload();
    await waitFor(() => status.inputValue({ timeout: 1_000 }).then((value) => value === 'away', () => false), 'Away after a reload');
    // Leaving the menu with a choice made sends it too.
    const afterReload = heard.length;
    await status.focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(500);
    expect(heard.length).toBe(afterReload);
    await page.keyboard.press('Tab');
    await waitFor(() => Promise.resolve(heard.length > afterReload), 'The phone hearing Free for chat');
    expect(heard.slice(afterReload)).toEqual(['chat']);
  });

  it('keeps the focus inside a dialog and gives it back to the button that opened it', async () => {
    const opener = await tabTo(named('Settings', 'button'), 'the Settings button', { back: true });
    expect(opener.ring).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    const seen = new Set<string>();
    for (let presses = 0; presses < 40; presses += 1) {
      await page.keyboard.press(presses % 4 === 3 ? 'Shift+Tab' : 'Tab');
      const focus = await focused(page);
      expect(focus.inDialog, `press ${presses + 1} left the dialog for ${focus.tag} “${focus.name}”`).toBe(true);
      seen.add(`${focus.tag} ${focus.name}`);
    }
    // More controls than the presses could reach without wrapping around: the cycle really went round.
    expect(seen.size).toBeGreaterThan(5);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Settings' });
  });

  it('gives the focus back after the Add contact dialog too', async () => {
    await tabTo(named('Add contact', 'button'), 'the Add contact button');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'input', name: 'Contact address', inDialog: true });
    for (let presses = 0; presses < 12; presses += 1) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Add contact' });
  });
});
