// Moderation in the interface (XEP-0045 §8, §9): alice, the room's owner, uses bob's menu in the occupant list (bob is a
// slixmpp client, not Causette) to make him a moderator and take his voice, sees him move between the roles, and edits
// the room's ban list, answers his request for voice and removes what he said (XEP-0425); the menu works from the keyboard
// and the screens pass axe.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, startSlixmppPeer, type ReceivedStanza, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words } from './words.ts';

const say = words('en');
let server: ProsodyServer;
let bob: SlixmppPeer;
let alice: BrowserMode;
let room = '';

/** The room's presence for bob whose item gives him this role. */
const bobsRole = (role: string) => (stanza: ReceivedStanza) =>
  stanza.tree.name === 'presence' && stanza.tree.attrs['from'] === `${room}/bob` && child(child(stanza.tree, 'x', 'http://jabber.org/protocol/muc#user'), 'item')?.attrs['role'] === role;

const occupantsOf = (page: Page): Locator =>
  page.getByRole('region', { name: say('room.label', { name: room }), exact: true }).getByRole('complementary', { name: say('room.occupantsTitle') });
/** The occupant list's section of one role ("Moderators 2"). */
const section = (page: Page, heading: string): Locator => occupantsOf(page).getByRole('region', { name: new RegExp(`^${heading}`) });

async function choose(page: Page, item: string): Promise<void> {
  await occupantsOf(page).getByRole('button', { name: say('moderation.actionsFor', { nick: 'bob' }) }).click();
  await occupantsOf(page).getByRole('menuitem', { name: item }).click();
}

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }, { username: 'bob', password: 'bob-pass' }, { username: 'carol', password: 'carol-pass' }] });
  room = `mods@conference.${server.domain}`;
  bob = await startSlixmppPeer({ jid: `bob@${server.domain}`, password: 'bob-pass', host: server.host, port: server.c2sPort, caPath: server.caPath });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
  const { page } = alice;
  await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
  await dialog.getByLabel(say('joinRoom.address')).fill(room);
  await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
  await dialog.getByRole('button', { name: say('joinRoom.createPublic') }).click({ timeout: 15_000 });
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await bob.joinRoom({ room, nick: 'bob' });
  await section(page, say('room.participants')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
});

afterAll(async () => {
  await alice?.close();
  await bob?.stop();
  await server?.dispose();
});

describe('moderation from the occupant list', () => {
  it('offers the owner’s actions on bob, and from the keyboard: arrows move, Escape closes back on the button', async () => {
    const { page } = alice;
    const button = occupantsOf(page).getByRole('button', { name: say('moderation.actionsFor', { nick: 'bob' }) });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = occupantsOf(page).getByRole('menu');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(
      ['privateMessage', 'revokeVoice', 'grantModerator', 'makeMember', 'makeAdmin', 'makeOwner', 'kick', 'ban'].map((key) => say(`moderation.${key}`)),
    );
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(say('moderation.privateMessage'));
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(say('moderation.ban'));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(say('moderation.revokeVoice'));
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('makes bob a moderator and takes it back; takes his voice and gives it back: he moves between the roles, and is told', async () => {
    const { page } = alice;
    await choose(page, say('moderation.grantModerator'));
    await section(page, say('room.moderators')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await bob.waitFor(bobsRole('moderator'), 'bob made a moderator');

    await choose(page, say('moderation.revokeModerator'));
    await section(page, say('room.participants')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });

    await choose(page, say('moderation.revokeVoice'));
    await section(page, say('room.visitors')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await bob.waitFor(bobsRole('visitor'), 'bob’s voice taken');
    await choose(page, say('moderation.grantVoice'));
    await section(page, say('room.participants')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });

    await choose(page, say('moderation.makeMember'));
    await section(page, say('room.participants')).getByText(say('moderation.member'), { exact: true }).waitFor({ timeout: 10_000 });
  });

  it('bob, made a visitor, asks for voice: alice is asked in the room and gives it, and another time declines (XEP-0045 §8.6)', async () => {
    const { page } = alice;
    await choose(page, say('moderation.revokeVoice'));
    await section(page, say('room.visitors')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await bob.requestVoice(room);
    const view = page.getByRole('region', { name: say('room.label', { name: room }), exact: true });
    const asked = view.getByRole('group', { name: say('moderation.voiceRequestFrom', { nick: 'bob' }) });
    await asked.waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
    await asked.getByRole('button', { name: say('moderation.grantVoice') }).click();
    await section(page, say('room.participants')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await asked.waitFor({ state: 'detached' });

    // Declined, the request goes and bob stays a visitor.
    await choose(page, say('moderation.revokeVoice'));
    await section(page, say('room.visitors')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
    await bob.requestVoice(room);
    await asked.getByRole('button', { name: say('moderation.declineVoice') }).click({ timeout: 10_000 });
    await asked.waitFor({ state: 'detached' });
    await choose(page, say('moderation.grantVoice'));
    await section(page, say('room.participants')).getByText('bob', { exact: true }).waitFor({ timeout: 10_000 });
  });

  it('removes what bob said for everyone (XEP-0425): asked with a reason, shown as removed, and bob is told', async () => {
    const { page } = alice;
    await bob.sendGroupchat({ room, body: 'buy cheap watches' });
    const view = page.getByRole('region', { name: say('room.label', { name: room }), exact: true });
    const messages = view.getByRole('list', { name: say('messages.label') });
    const item = messages
      .getByRole('listitem')
      .filter({ has: page.locator('.message-body').getByText('buy cheap watches', { exact: true }) });
    await item.waitFor({ timeout: 10_000 });
    await item.hover();
    // The room's stanza-id comes with the message: the action is offered once it is stored.
    await item.getByRole('button', { name: say('moderation.removeMessage') }).click({ timeout: 10_000 });
    const dialog = page.getByRole('dialog', { name: say('moderation.removeQuestion', { author: 'bob' }) });
    await dialog.getByLabel(say('room.reason')).fill('no spam');
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: say('moderation.remove') }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const removed = `${say('moderation.removedBy', { nick: 'alice' })} (${say('moderation.removedReason', { reason: 'no spam' })})`;
    await messages.getByText(removed, { exact: true }).waitFor({ timeout: 10_000 });
    expect(await messages.getByText('buy cheap watches').count()).toBe(0);
    await bob.waitFor((stanza) => stanza.tree.name === 'message' && stanza.tree.attrs['from'] === room && stanza.xml.includes('urn:xmpp:message-moderate:0') && stanza.xml.includes('no spam'), 'bob told');
  });

  it('edits the ban list: carol added by address with a reason, listed, then taken off', async () => {
    const { page } = alice;
    const carol = `carol@${server.domain}`;
    await occupantsOf(page).getByRole('button', { name: say('moderation.listsTitle') }).click();
    const dialog = page.getByRole('dialog', { name: say('moderation.listsTitle') });
    // The member list first: bob, made a member above.
    await dialog.getByText(`bob@${server.domain}`, { exact: true }).waitFor({ timeout: 10_000 });
    await dialog.getByLabel(say('moderation.list'), { exact: true }).selectOption({ label: say('moderation.listOutcast') });
    await dialog.getByText(say('moderation.emptyList')).waitFor({ timeout: 10_000 });
    // The room's refusal, in words: its only owner may not ban herself (XEP-0045 §10.4).
    await dialog.getByLabel(say('moderation.addressLabel')).fill(`alice@${server.domain}`);
    await dialog.getByRole('button', { name: say('moderation.add') }).click();
    await dialog.getByRole('alert').getByText(say('errors.conflict_lastOwner', { room })).waitFor({ timeout: 10_000 });
    await dialog.getByLabel(say('moderation.addressLabel')).fill(carol);
    await dialog.getByLabel(say('room.reason')).fill('spam');
    await dialog.getByRole('button', { name: say('moderation.add') }).click();
    await dialog.getByText(carol, { exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);

    await dialog.getByRole('button', { name: say('moderation.removeFromList', { jid: carol }) }).click();
    await dialog.getByText(say('moderation.emptyList')).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: say('common.close') }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('a visitor in a moderated room, in French', () => {
  const dire = words('fr');
  let carol: BrowserMode | undefined;

  afterAll(async () => {
    await carol?.close();
  });

  it('carol, a visitor, is told she needs voice and asks for it; the room passes her request to bob, its moderator', async () => {
    const quiet = `calme@conference.${server.domain}`;
    await bob.createRoom(quiet, 'bob', { moderated: true });
    carol = await openBrowserMode({ caPem: server.caPem, locale: 'fr-FR' });
    const { page } = carol;
    await page.getByLabel(dire('signIn.address')).fill(`carol@${server.domain}`);
    await page.getByLabel(dire('signIn.password'), { exact: true }).fill('carol-pass');
    await page.getByRole('button', { name: dire('server.advanced') }).click();
    await page.getByLabel(dire('server.host')).fill('127.0.0.1');
    await page.getByLabel(dire('server.port')).fill(String(server.c2sPort));
    await page.getByRole('button', { name: dire('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
    await page.getByRole('region', { name: dire('account.connection') }).getByText(dire('connection.online')).waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: dire('conversations.title') }).getByRole('button', { name: dire('joinRoom.open') }).click();
    const dialog = page.getByRole('dialog', { name: dire('joinRoom.title') });
    await dialog.getByLabel(dire('joinRoom.address')).fill(quiet);
    await dialog.getByRole('button', { name: dire('joinRoom.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const view = page.getByRole('region', { name: dire('room.label', { name: quiet }), exact: true });
    await view.getByText(dire('moderation.visitorHint')).waitFor({ timeout: 10_000 });
    expect(await violations(page)).toEqual([]);
    await view.getByRole('button', { name: dire('moderation.requestVoice') }).click();
    await view.getByText(dire('moderation.voiceAsked')).waitFor({ timeout: 10_000 });
    // XEP-0045 §8.6: the moderators get the room's form, naming carol.
    const request = await bob.waitFor(
      (stanza) => stanza.tree.name === 'message' && stanza.tree.attrs['from'] === quiet && stanza.xml.includes('http://jabber.org/protocol/muc#request') && stanza.xml.includes('carol'),
      'the voice request at bob',
    );
    expect(request.xml).toContain('muc#request_allow');
  });
});
