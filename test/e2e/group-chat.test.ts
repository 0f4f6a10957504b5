// Group chats in the interface (XEP-0045): alice joins rooms from the sidebar's dialog, talks with bob (slixmpp, not
// Causette) who sees what she writes, sees the occupants and leaves; the room view and the dialog pass axe in English and French.
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, startSlixmppPeer, type ReceivedStanza, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { waitUntilOnline } from './ui.ts';
import { words, type Say } from './words.ts';

let server: ProsodyServer;
let bob: SlixmppPeer;
const service = () => `conference.${server.domain}`;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  bob = await startSlixmppPeer({ jid: `bob@${server.domain}`, password: 'bob-pass', host: server.host, port: server.c2sPort, caPath: server.caPath });
});

afterAll(async () => {
  await bob?.stop();
  await server?.dispose();
});

async function signedIn(user: string, locale: 'en-US' | 'fr-FR', say: Say): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, locale });
  const { page } = ui;
  await page.getByLabel(say('signIn.address')).fill(`${user}@${server.domain}`);
  await page.getByLabel(say('signIn.password'), { exact: true }).fill(`${user}-pass`);
  await page.getByRole('button', { name: say('server.advanced') }).click();
  await page.getByLabel(say('server.host')).fill('127.0.0.1');
  await page.getByLabel(say('server.port')).fill(String(server.c2sPort));
  await page.getByRole('button', { name: say('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
  if (locale === 'en-US') await waitUntilOnline(page);
  else await page.getByRole('region', { name: say('account.connection') }).getByText(say('connection.online')).waitFor({ timeout: 20_000 });
  return ui;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The room's view, by its accessible name ("Group chat tea@…", or its name). */
const roomView = (page: Page, say: Say, name: string): Locator => page.getByRole('region', { name: say('room.label', { name }), exact: true });

async function openJoinDialog(page: Page, say: Say): Promise<Locator> {
  await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
  await dialog.waitFor();
  return dialog;
}

const groupchatFrom = (from: string, body: string) => (stanza: ReceivedStanza) =>
  stanza.tree.name === 'message' && stanza.tree.attrs['type'] === 'groupchat' && stanza.tree.attrs['from'] === from && child(stanza.tree, 'body')?.text === body;

describe('group chats', () => {
  const say = words('en');
  let alice: BrowserMode;

  beforeAll(async () => {
    alice = await signedIn('alice', 'en-US', say);
  });

  afterAll(async () => {
    await alice?.close();
  });

  it('alice creates a room that does not exist yet, bob joins and talks, each sees the other', async () => {
    const { page } = alice;
    const room = `tea@${service()}`;
    const dialog = await openJoinDialog(page, say);
    await dialog.getByLabel(say('joinRoom.address')).fill(room);
    expect(await dialog.getByLabel(say('joinRoom.nick')).inputValue()).toBe('alice');
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.getByRole('alert').getByText(say('errors.not-found_room', { room })).waitFor({ timeout: 15_000 });
    // Created as a public channel: listed on the server, which the room list test finds.
    await dialog.getByRole('button', { name: say('joinRoom.createPublic') }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const view = roomView(page, say, room);
    await view.waitFor();

    await bob.joinRoom({ room, nick: 'bob' });
    const occupants = view.getByRole('complementary', { name: say('room.occupantsTitle') });
    await occupants.getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => occupants.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('alice'), expect.stringContaining('bob')]);
    // A moderator is shown the real address of an occupant in a semi-anonymous room (XEP-0045 §7.2.3).
    await occupants.getByRole('listitem').filter({ hasText: 'bob' }).getByText(`bob@${server.domain}`, { exact: true }).waitFor();
    await view.getByText(say('room.occupants_other', { count: 2 })).waitFor();

    await bob.sendGroupchat({ room, body: 'Hello from bob' });
    const fromBob = view.getByRole('list', { name: say('messages.label') }).getByRole('listitem').filter({ hasText: 'Hello from bob' });
    await fromBob.waitFor({ timeout: 10_000 });
    // Named for screen readers and shown above the message.
    expect(await fromBob.textContent()).toContain(say('message.author', { author: 'bob' }));
    // The room's entry in the list says who wrote last.
    const entry = page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain(say('preview.by', { nick: 'bob', text: 'Hello from bob' }));
    await expect.poll(() => fromBob.getByText('bob', { exact: true }).isVisible()).toBe(true);
    // What the room does not take from Causette yet is not offered.
    await fromBob.hover();
    expect(await fromBob.getByRole('button', { name: say('actions.reply') }).count()).toBe(0);
    expect(await fromBob.getByRole('button', { name: say('actions.react') }).count()).toBe(0);
    await fromBob.getByRole('button', { name: say('actions.copy') }).waitFor();

    const box = view.getByRole('textbox', { name: say('composer.label') });
    await box.fill('Hello from alice');
    await box.press('Enter');
    await bob.waitFor(groupchatFrom(`${room}/alice`, 'Hello from alice'), 'alice’s message in the room');
    const mine = view.getByRole('listitem').filter({ hasText: 'Hello from alice' });
    await mine.waitFor();
    await mine.hover();
    expect(await mine.getByRole('button', { name: say('actions.edit') }).count()).toBe(0);
    expect(await mine.getByRole('button', { name: say('actions.delete') }).count()).toBe(0);
  });

  it('a nickname in use keeps the dialog open on the nickname; another one joins, all from the keyboard', async () => {
    const { page } = alice;
    const room = `cake@${service()}`;
    await bob.createRoom(room, 'alice');
    await page.getByRole('button', { name: say('joinRoom.open') }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
    const address = dialog.getByLabel(say('joinRoom.address'));
    await expect.poll(() => address.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type(room);
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').getByText(say('errors.conflict_nickInUse', { nick: 'alice', room })).waitFor({ timeout: 15_000 });
    const nick = dialog.getByLabel(say('joinRoom.nick'));
    await expect.poll(() => nick.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await nick.getAttribute('aria-invalid')).toBe('true');
    // The nickname is selected: typing replaces it.
    await page.keyboard.type('Alice in Wonderland');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const view = page.getByRole('region', { name: new RegExp(`^${escape(say('room.label', { name: '' }))}`) });
    await view.getByRole('complementary', { name: say('room.occupantsTitle') }).getByText('Alice in Wonderland', { exact: true }).waitFor({ timeout: 10_000 });
    await bob.leaveRoom(room, 'alice');
  });

  it('the server’s rooms are listed with their occupants, searched, and one chosen fills in the address', async () => {
    const { page } = alice;
    const dialog = await openJoinDialog(page, say);
    await dialog.getByRole('button', { name: say('roomList.browse') }).click();
    await dialog.getByRole('heading', { name: say('roomList.title', { service: service() }) }).waitFor({ timeout: 15_000 });
    const rooms = dialog.getByRole('list', { name: say('roomList.label') });
    const tea = rooms.getByRole('button', { name: new RegExp(escape(`tea@${service()}`)) });
    await tea.waitFor();
    // alice and bob are in it.
    expect(await tea.textContent()).toContain(say('room.occupants_other', { count: 2 }));
    await page.screenshot({ path: join(resolve(import.meta.dirname, '..', '..', 'test-results'), 'room-list.png') });
    await dialog.getByRole('searchbox', { name: say('roomList.search') }).fill('TEA');
    await expect.poll(() => rooms.getByRole('button').count()).toBe(1);
    await dialog.getByRole('searchbox', { name: say('roomList.search') }).fill('no such room');
    await dialog.getByText(say('roomList.noMatch', { query: 'no such room' })).waitFor();
    await dialog.getByRole('searchbox', { name: say('roomList.search') }).fill('tea');
    await tea.click();
    expect(await dialog.getByLabel(say('joinRoom.address')).inputValue()).toBe(`tea@${service()}`);
    // On to the nickname, the next thing to decide.
    expect(await dialog.getByLabel(say('joinRoom.nick')).evaluate((input) => input === document.activeElement)).toBe(true);
    await dialog.getByRole('button', { name: say('common.cancel') }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('alice, the room’s owner, changes its subject and her nickname; bob sees both', async () => {
    const { page } = alice;
    const room = `tea@${service()}`;
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    const view = roomView(page, say, room);
    const occupants = view.getByRole('complementary', { name: say('room.occupantsTitle') });
    await occupants.getByRole('button', { name: say('room.changeSubject') }).click();
    const subjectDialog = page.getByRole('dialog', { name: say('room.changeSubject') });
    await subjectDialog.getByLabel(say('room.subjectLabel')).fill('Tea at five');
    await subjectDialog.getByRole('button', { name: say('common.save') }).click();
    await subjectDialog.waitFor({ state: 'detached', timeout: 10_000 });
    // XEP-0045 §8.1: the room sends the new subject to everyone in it.
    await bob.waitFor(
      (stanza) => stanza.tree.name === 'message' && stanza.tree.attrs['from'] === `${room}/alice` && child(stanza.tree, 'subject')?.text === 'Tea at five',
      'the new subject from the room',
    );
    await view.getByText('Tea at five').waitFor({ timeout: 10_000 });

    for (const [from, to] of [
      ['alice', 'Alicia'],
      ['Alicia', 'alice'],
    ] as const) {
      await occupants.getByRole('button', { name: say('room.changeNick') }).click();
      const nickDialog = page.getByRole('dialog', { name: say('room.changeNick') });
      expect(await nickDialog.getByLabel(say('joinRoom.nick')).inputValue()).toBe(from);
      await nickDialog.getByLabel(say('joinRoom.nick')).fill(to);
      await nickDialog.getByRole('button', { name: say('common.save') }).click();
      await nickDialog.waitFor({ state: 'detached', timeout: 10_000 });
      // §7.6: others see our old name go with status 303 and the new one come.
      await bob.waitFor(
        (stanza) => stanza.tree.name === 'presence' && stanza.tree.attrs['from'] === `${room}/${to}` && stanza.tree.attrs['type'] === undefined,
        `alice back as ${to}`,
      );
      await occupants.getByText(to, { exact: true }).waitFor({ timeout: 10_000 });
    }
  });

  it('a click on bob in the occupant list opens a private conversation with him, apart from the room, both ways', async () => {
    const { page } = alice;
    const room = `tea@${service()}`;
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    const occupants = roomView(page, say, room).getByRole('complementary', { name: say('room.occupantsTitle') });
    await occupants.getByRole('button', { name: say('room.messagePrivately', { nick: 'bob' }) }).click();
    const name = say('room.privateName', { nick: 'bob', room });
    const chat = page.getByRole('region', { name: say('chat.with', { name }) });
    await chat.getByText(say('room.privateHint')).waitFor();
    const box = chat.getByRole('textbox', { name: say('composer.label') });
    await box.fill('Just between us');
    await box.press('Enter');
    // XEP-0045 §7.5: a chat message to the occupant's address, which the room passes on.
    const got = await bob.waitFor(
      (stanza) => stanza.tree.name === 'message' && stanza.tree.attrs['from'] === `${room}/alice` && child(stanza.tree, 'body')?.text === 'Just between us',
      'alice’s private message',
    );
    expect(got.tree.attrs['type']).toBe('chat');
    await bob.sendMessage({ to: `${room}/alice`, body: 'Our secret' });
    await chat.getByRole('listitem').filter({ hasText: 'Our secret' }).waitFor({ timeout: 10_000 });
    // Not in the room's own conversation.
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    await roomView(page, say, room).getByRole('list', { name: say('messages.label') }).waitFor();
    expect(await roomView(page, say, room).getByRole('listitem').filter({ hasText: 'Our secret' }).count()).toBe(0);
  });

  it('alice, a moderator, kicks bob from the occupant list with a reason; bob is told why, and may come back', async () => {
    const { page } = alice;
    const room = `tea@${service()}`;
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    const occupants = roomView(page, say, room).getByRole('complementary', { name: say('room.occupantsTitle') });
    await occupants.getByRole('button', { name: say('moderation.actionsFor', { nick: 'bob' }) }).click();
    await occupants.getByRole('menuitem', { name: say('moderation.kick') }).click();
    const dialog = page.getByRole('dialog', { name: say('room.kickTitle', { nick: 'bob' }) });
    await dialog.getByLabel(say('room.reason')).fill('Too loud');
    await dialog.getByRole('button', { name: say('room.kick') }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    // XEP-0045 §8.2: bob's own unavailable presence carries 307 and the reason.
    const told = await bob.waitFor(
      (stanza) => stanza.tree.name === 'presence' && stanza.tree.attrs['type'] === 'unavailable' && stanza.tree.attrs['from'] === `${room}/bob` && stanza.xml.includes('code="307"'),
      'bob told he was kicked',
    );
    expect(told.xml).toContain('Too loud');
    await occupants.getByText('bob', { exact: true }).waitFor({ state: 'detached', timeout: 10_000 });
    await bob.joinRoom({ room, nick: 'bob' });
    await occupants.getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
  });

  it('Leave takes alice out of the room and closes its view; Join again brings her back', async () => {
    const { page } = alice;
    const room = `tea@${service()}`;
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    const view = roomView(page, say, room);
    await view.getByRole('button', { name: say('room.leave') }).click();
    await view.waitFor({ state: 'detached' });
    await bob.waitFor(
      (stanza) => stanza.tree.name === 'presence' && stanza.tree.attrs['type'] === 'unavailable' && stanza.tree.attrs['from'] === `${room}/alice`,
      'alice leaving the room',
    );
    // Its conversation stays, with the way back in.
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
    await view.getByText(say('room.notJoined')).first().waitFor();
    expect(await view.getByRole('textbox', { name: say('composer.label') }).count()).toBe(0);
    await view.getByRole('button', { name: say('room.rejoin') }).click();
    await view.getByRole('complementary', { name: say('room.occupantsTitle') }).getByText('bob', { exact: true }).waitFor({ timeout: 15_000 });
    await view.getByRole('textbox', { name: say('composer.label') }).waitFor();
  });
});

describe.each([
  { locale: 'en-US', language: 'en', user: 'alice', room: 'a11y-en' },
  { locale: 'fr-FR', language: 'fr', user: 'carol', room: 'a11y-fr' },
] as const)('accessibility in $locale', ({ locale, language, user, room: local }) => {
  const say = words(language);
  let ui: BrowserMode;

  beforeAll(async () => {
    ui = await signedIn(user, locale, say);
  });

  afterAll(async () => {
    await ui?.close();
  });

  it('the join dialog, with an error, and the room view with messages and occupants', async () => {
    const { page } = ui;
    const room = `${local}@${service()}`;
    await bob.createRoom(room, 'bob', { public: true });
    const dialog = await openJoinDialog(page, say);
    expect(await violations(page)).toEqual([]);
    await dialog.getByLabel(say('joinRoom.address')).fill(`nowhere@${service()}`);
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.getByRole('button', { name: say('joinRoom.createPrivate') }).waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);
    // The room is chosen from the service's list this time.
    await dialog.getByRole('button', { name: say('roomList.browse') }).click();
    const rooms = dialog.getByRole('list', { name: say('roomList.label') });
    await rooms.getByRole('button', { name: new RegExp(escape(room)) }).waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);
    await rooms.getByRole('button', { name: new RegExp(escape(room)) }).click();
    expect(await dialog.getByLabel(say('joinRoom.address')).inputValue()).toBe(room);
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const view = page.getByRole('region', { name: new RegExp(`^${escape(say('room.label', { name: '' }))}`) });
    await bob.setSubject(room, `Subject ${language}`);
    await bob.sendGroupchat({ room, body: `Bonjour ${language}` });
    await view.getByRole('listitem').filter({ hasText: `Bonjour ${language}` }).waitFor({ timeout: 10_000 });
    await view.getByText(`Subject ${language}`).waitFor({ timeout: 10_000 });
    await view.getByRole('complementary', { name: say('room.occupantsTitle') }).getByText('bob', { exact: true }).waitFor();
    const box = view.getByRole('textbox', { name: say('composer.label') });
    await box.fill(`Salut ${language}`);
    await box.press('Enter');
    await view.getByRole('listitem').filter({ hasText: `Salut ${language}` }).waitFor();
    expect(await violations(page)).toEqual([]);
    await view.getByRole('button', { name: say('room.changeSubject') }).click();
    const subject = page.getByRole('dialog', { name: say('room.changeSubject') });
    await subject.getByLabel(say('room.subjectLabel')).waitFor();
    expect(await violations(page)).toEqual([]);
    await subject.getByRole('button', { name: say('common.cancel') }).click();
    await subject.waitFor({ state: 'detached' });
  });

  it('a private group says in its header that it is logged, for members and shows addresses', async () => {
    const { page } = ui;
    const room = `private-${language}@${service()}`;
    const dialog = await openJoinDialog(page, say);
    await dialog.getByLabel(say('joinRoom.address')).fill(room);
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.getByRole('button', { name: say('joinRoom.createPrivate') }).click({ timeout: 15_000 });
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const facts = roomView(page, say, room).getByRole('list', { name: say('roomFacts.label') });
    await expect
      .poll(() => facts.getByRole('listitem').allTextContents(), { timeout: 10_000 })
      .toEqual([
        // The harness's MUC keeps archives of persistent rooms (XEP-0313 on the room).
        `${say('roomFacts.logged')} — ${say('roomFacts.loggedExplained')}`,
        `${say('roomFacts.nonAnonymous')} — ${say('roomFacts.nonAnonymousExplained')}`,
        `${say('roomFacts.membersOnly')} — ${say('roomFacts.membersOnlyExplained')}`,
      ]);
    expect(await violations(page)).toEqual([]);
  });
});
