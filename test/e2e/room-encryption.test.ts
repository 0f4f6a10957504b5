// OMEMO in a room's header (XEP-0384 in XEP-0045 rooms): a private group (members-only, addresses visible) is encrypted by
// default with the same Encryption switch as a chat, which the keyboard turns off; a public channel cannot be, its switch is
// off and says why, in English and in French; the locks on the messages follow; axe finds nothing.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words, type Say } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
const en = words('en');
const fr = words('fr');

/** bob's window in French, signed in. */
async function openInFrench(): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, locale: 'fr-FR' });
  const { page } = ui;
  await page.getByLabel(fr('signIn.address')).fill(`bob@${server.domain}`);
  await page.getByLabel(fr('signIn.password'), { exact: true }).fill('bob-pass');
  await page.getByRole('button', { name: fr('server.advanced') }).click();
  await page.getByLabel(fr('server.host')).fill('127.0.0.1');
  await page.getByLabel(fr('server.port')).fill(String(server.c2sPort));
  await page.getByRole('button', { name: fr('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
  await page.getByRole('region', { name: fr('account.connection') }).getByText(fr('connection.online')).waitFor({ timeout: 20_000 });
  return ui;
}

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openInFrench()]);
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.dispose();
});

const roomView = (page: Page, say: Say, room: string): Locator => page.getByRole('region', { name: say('room.label', { name: room }), exact: true });
const message = (view: Locator, text: string): Locator => view.getByRole('list', { name: en('messages.label') }).getByRole('listitem').filter({ hasText: text });

/** Joins (creating it with `create`, or as it is) the room from the sidebar's dialog; answers the room's view. */
async function enter(page: Page, say: Say, room: string, create?: 'joinRoom.createPrivate' | 'joinRoom.createPublic'): Promise<Locator> {
  await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
  await dialog.getByLabel(say('joinRoom.address')).fill(room);
  await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
  if (create) await dialog.getByRole('button', { name: say(create) }).click({ timeout: 15_000 });
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  const view = roomView(page, say, room);
  await view.waitFor();
  return view;
}

async function send(view: Locator, say: Say, body: string): Promise<void> {
  const composer = view.getByRole('textbox', { name: say('composer.label') });
  await composer.fill(body);
  await composer.press('Enter');
}

describe('encryption in a room’s header', () => {
  it('a private group is encrypted by default, each message locked, and the switch turns off from the keyboard', async () => {
    const room = `secret@conference.${server.domain}`;
    const view = await enter(alice.page, en, room, 'joinRoom.createPrivate');
    const toggle = view.getByRole('button', { name: en('encryption.toggle'), exact: true });
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await toggle.getAttribute('title')).toBe(en('encryption.roomOnHint'));
    expect(await view.getByText(en('encryption.roomNotMembersOnly')).count()).toBe(0);
    await send(view, en, 'a secret for the members');
    await message(view, 'a secret for the members').getByRole('img', { name: en('encryption.encrypted'), exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(alice.page)).toEqual([]);

    await toggle.focus();
    await alice.page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('false');
    await send(view, en, 'said in the clear');
    await message(view, 'said in the clear').getByRole('img', { name: en('encryption.notEncrypted'), exact: true }).waitFor({ timeout: 10_000 });
  });

  it('a public channel cannot be encrypted: the switch is off and the header says why, in English and in French', async () => {
    const room = `open@conference.${server.domain}`;
    const view = await enter(alice.page, en, room, 'joinRoom.createPublic');
    const toggle = view.getByRole('button', { name: en('encryption.toggle'), exact: true });
    const note = view.getByText(en('encryption.roomNotMembersOnly'), { exact: true });
    await note.waitFor({ timeout: 10_000 });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await toggle.isDisabled()).toBe(true);
    // The switch is described by the note, for screen readers.
    expect(await toggle.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    await send(view, en, 'hello, whoever is here');
    await message(view, 'hello, whoever is here').getByRole('img', { name: en('encryption.notEncrypted'), exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(alice.page)).toEqual([]);

    const seen = await enter(bob.page, fr, room);
    await seen.getByText(fr('encryption.roomNotMembersOnly'), { exact: true }).waitFor({ timeout: 10_000 });
    expect(await seen.getByRole('button', { name: fr('encryption.toggle'), exact: true }).isDisabled()).toBe(true);
    await message(seen, 'hello, whoever is here').waitFor({ timeout: 10_000 });
    expect(await violations(bob.page)).toEqual([]);
  });
});
