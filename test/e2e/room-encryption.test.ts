// OMEMO in a room's header (XEP-0384 in XEP-0045 rooms): a private group (members-only, addresses visible) is encrypted by
// default with the same Encryption switch as a chat, which the keyboard turns off; a public channel cannot be, its switch is
// off and says why, in English and in French; the locks on the messages follow, each from its sender's device (the occupant's
// real JID's) as verified, not verified or not encrypted; private messages through the room are encrypted for the
// occupant's real JID, and refused once that JID is not known; axe finds nothing.
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
let aliceLaptop: BrowserMode | undefined;
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
  await aliceLaptop?.close();
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

/** The verification link of the page's own device, as its encryption panel shows it. */
async function ownCode(page: Page, say: Say): Promise<string> {
  await page.getByRole('button', { name: say('settings.open') }).click();
  const settings = page.getByRole('dialog', { name: say('settings.title') });
  const uri = settings.getByRole('region', { name: say('encryption.panelTitle') }).getByLabel(say('encryption.uriLabel'));
  await uri.waitFor({ timeout: 10_000 });
  const text = (await uri.textContent()) ?? '';
  await settings.getByRole('button', { name: say('common.close') }).click();
  return text;
}

const lock = (view: Locator, text: string, say: Say, key: string): Locator => message(view, text).getByRole('img', { name: say(key), exact: true });

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

  it('locks each member’s message by their device’s trust, as in a chat: not verified, then verified once the device is', async () => {
    const room = `secret@conference.${server.domain}`;
    await alice.page.getByRole('region', { name: en('conversations.title') }).getByRole('button', { name: new RegExp(room) }).click();
    const view = roomView(alice.page, en, room);
    await view.getByRole('button', { name: en('encryption.toggle'), exact: true }).click();
    await expect.poll(() => view.getByRole('button', { name: en('encryption.toggle'), exact: true }).getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('true');
    // The invitation makes bob a member of the private group (XEP-0045 §7.8.2); he joins it from his invitations, in French.
    await view.getByRole('button', { name: en('invite.open') }).click();
    const dialog = alice.page.getByRole('dialog', { name: en('invite.title', { name: room }) });
    await dialog.getByLabel(en('invite.others')).fill(`bob@${server.domain}`);
    await dialog.getByRole('button', { name: en('invite.submit_one') }).click();
    await dialog.getByRole('status').getByText(en('invite.sent_one')).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: en('common.close') }).click();
    const invitation = bob.page.getByRole('region', { name: fr('invitations.title') }).getByRole('listitem').filter({ hasText: room });
    await invitation.getByRole('button', { name: fr('invitations.join') }).click({ timeout: 15_000 });
    const join = bob.page.getByRole('dialog', { name: fr('joinRoom.title') });
    await join.getByRole('button', { name: fr('joinRoom.submit'), exact: true }).click();
    await join.waitFor({ state: 'detached', timeout: 15_000 });
    const bobView = roomView(bob.page, fr, room);
    await expect.poll(() => bobView.getByRole('button', { name: fr('encryption.toggle'), exact: true }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    await send(view, en, 'welcome, bob');
    await lock(bobView, 'welcome, bob', fr, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });
    await send(bobView, fr, 'merci alice');
    await lock(view, 'merci alice', en, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });
    await lock(bobView, 'merci alice', fr, 'encryption.encrypted').waitFor();
    expect(await violations(bob.page)).toEqual([]);

    // alice's laptop joins too; its messages reach her first device through the room, locked by the laptop's trust there.
    aliceLaptop = await openSignedIn(server, 'alice', 'alice-pass');
    await enter(aliceLaptop.page, en, room);
    const laptopView = roomView(aliceLaptop.page, en, room);
    await expect.poll(() => laptopView.getByRole('button', { name: en('encryption.toggle'), exact: true }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await send(laptopView, en, 'from alice’s laptop');
    await lock(view, 'from alice’s laptop', en, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });
    await lock(bobView, 'from alice’s laptop', fr, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });

    const code = await ownCode(aliceLaptop.page, en);
    await alice.page.getByRole('button', { name: en('settings.open') }).click();
    const panel = alice.page.getByRole('dialog', { name: en('settings.title') }).getByRole('region', { name: en('encryption.panelTitle') });
    const field = panel.getByLabel(en('encryption.codeLabelOwn'));
    await field.fill(code);
    await field.press('Enter');
    await panel.getByRole('status').waitFor({ timeout: 5_000 });
    await alice.page.getByRole('dialog', { name: en('settings.title') }).getByRole('button', { name: en('common.close') }).click();
    // The laptop's message, shown before, now reads as from a verified device; bob's is still not verified.
    await lock(view, 'from alice’s laptop', en, 'encryption.fromVerified').waitFor({ timeout: 5_000 });
    expect(await lock(view, 'merci alice', en, 'encryption.fromUnverified').count()).toBe(1);
    expect(await lock(view, 'welcome, bob', en, 'encryption.encrypted').count()).toBe(1);
    expect(await lock(view, 'said in the clear', en, 'encryption.notEncrypted').count()).toBe(1);
    expect(await violations(alice.page)).toEqual([]);
  });

  it('encrypts private messages through the room for the occupant’s real JID, and refuses one to an occupant gone', async () => {
    const room = `secret@conference.${server.domain}`;
    const pm = (page: Page, say: Say, nick: string) => page.getByRole('region', { name: say('chat.with', { name: say('room.privateName', { nick, room }) }) });
    // bob writes to alice privately from the room's occupants, in French.
    await roomView(bob.page, fr, room).getByRole('button', { name: fr('room.messagePrivately', { nick: 'alice' }) }).click();
    await send(pm(bob.page, fr, 'alice'), fr, 'rien que pour toi');
    await alice.page.getByRole('button', { name: en('room.messagePrivately', { nick: 'bob' }) }).click();
    const atAlice = pm(alice.page, en, 'bob');
    await lock(atAlice, 'rien que pour toi', en, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });
    await send(atAlice, en, 'just for you too');
    await lock(pm(bob.page, fr, 'alice'), 'just for you too', fr, 'encryption.fromUnverified').waitFor({ timeout: 15_000 });
    // Their headers say so, following the room's switch.
    await atAlice.getByText(en('chat.privateEncrypted')).waitFor({ timeout: 5_000 });
    await pm(bob.page, fr, 'alice').getByText(fr('chat.privateEncrypted')).waitFor({ timeout: 5_000 });
    expect(await violations(bob.page)).toEqual([]);

    // bob leaves: whose devices to encrypt for is no longer known, and the message is not sent, saying why.
    await bob.page.getByRole('region', { name: fr('conversations.title') }).getByRole('button', { name: new RegExp(`^${room}`) }).click();
    await roomView(bob.page, fr, room).getByRole('button', { name: fr('room.leave') }).click();
    await expect.poll(async () => (await alice.page.getByRole('button', { name: en('room.messagePrivately', { nick: 'bob' }) }).count()), { timeout: 10_000 }).toBe(0);
    await send(atAlice, en, 'are you still there');
    await message(atAlice, 'are you still there').getByText(en('errors.encryption-unavailable_privateUnknownJid', { nick: 'bob', room })).waitFor({ timeout: 10_000 });
    expect(await violations(alice.page)).toEqual([]);
  });
});
