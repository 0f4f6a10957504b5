// Bookmarks in the interface (XEP-0402): alice saves a room from the join dialog, sees it in the sidebar, turns its autojoin
// off, removes and saves it again from the room's header; a room that slixmpp (another client of alice's account) saves is
// listed and joined live, and one that cannot be joined says why. Axe in both languages.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startSlixmppPeer, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { waitUntilOnline } from './ui.ts';
import { words, type Say } from './words.ts';

let server: ProsodyServer;
let bob: SlixmppPeer;
let phone: SlixmppPeer;
const service = () => `conference.${server.domain}`;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  const peer = (user: string) => startSlixmppPeer({ jid: `${user}@${server.domain}`, password: `${user}-pass`, host: server.host, port: server.c2sPort, caPath: server.caPath });
  [bob, phone] = await Promise.all([peer('bob'), peer('alice')]);
});

afterAll(async () => {
  await Promise.all([bob?.stop(), phone?.stop()]);
  await server?.dispose();
});

async function signedIn(locale: 'en-US' | 'fr-FR', say: Say): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, locale });
  const { page } = ui;
  await page.getByLabel(say('signIn.address')).fill(`alice@${server.domain}`);
  await page.getByLabel(say('signIn.password'), { exact: true }).fill('alice-pass');
  await page.getByRole('button', { name: say('server.advanced') }).click();
  await page.getByLabel(say('server.host')).fill('127.0.0.1');
  await page.getByLabel(say('server.port')).fill(String(server.c2sPort));
  await page.getByRole('button', { name: say('signIn.submit'), exact: true }).and(page.locator('[type=submit]')).click();
  if (locale === 'en-US') await waitUntilOnline(page);
  else await page.getByRole('region', { name: say('account.connection') }).getByText(say('connection.online')).waitFor({ timeout: 20_000 });
  return ui;
}

const bookmarksOf = (page: Page, say: Say) => page.getByRole('region', { name: say('conversations.title') }).getByRole('region', { name: say('bookmarks.title') });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bookmarks', () => {
  const say = words('en');
  let alice: BrowserMode;

  beforeAll(async () => {
    alice = await signedIn('en-US', say);
  });

  afterAll(async () => {
    await alice?.close();
  });

  it('saves a room from the join dialog, turns its autojoin off from the list, removes and saves it from the header', async () => {
    const { page } = alice;
    const room = `biscuits@${service()}`;
    await bob.createRoom(room, 'bob');
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
    const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
    await dialog.getByLabel(say('joinRoom.address')).fill(room);
    const autojoin = dialog.getByRole('checkbox', { name: say('bookmarks.autojoin') });
    // Joining automatically means nothing until the room is saved.
    expect(await autojoin.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: say('bookmarks.save') }).check();
    expect(await autojoin.isChecked()).toBe(true);
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const list = bookmarksOf(page, say);
    const entry = list.getByRole('button', { name: new RegExp(`^${escape(room)}`) });
    await entry.waitFor({ timeout: 10_000 });
    const listed = list.getByRole('checkbox', { name: say('bookmarks.autojoinLabel', { name: room }) });
    await expect.poll(() => listed.isChecked()).toBe(true);
    // The box follows the saved bookmark, once the server took the change.
    await listed.click();
    await expect.poll(() => listed.isChecked(), { timeout: 10_000 }).toBe(false);

    const header = page.getByRole('region', { name: say('room.label', { name: room }), exact: true }).getByRole('button', { name: say('bookmarks.bookmark') });
    await expect.poll(() => header.getAttribute('aria-pressed')).toBe('true');
    await header.click();
    await list.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => header.getAttribute('aria-pressed')).toBe('false');
    // Saved from the header: to join at sign-in, since we are in it.
    await header.click();
    await expect.poll(() => list.getByRole('checkbox', { name: say('bookmarks.autojoinLabel', { name: room }) }).isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await violations(page)).toEqual([]);
  });

  it('lists and joins a room that another client of the account saves, and says why one could not be joined', async () => {
    const { page } = alice;
    const room = `scones@${service()}`;
    const missing = `nowhere@${service()}`;
    await bob.createRoom(room, 'bob');
    await phone.publishBookmark({ room, name: 'Scones', nick: 'alice-desk', autojoin: true });
    const list = bookmarksOf(page, say);
    await list.getByRole('button', { name: /^Scones/ }).waitFor({ timeout: 10_000 });
    await bob.waitFor(({ tree }) => tree.name === 'presence' && tree.attrs['from'] === `${room}/alice-desk` && tree.attrs['type'] === undefined, 'alice joining from the bookmark');
    // The list says it is joined now.
    await list.getByRole('button', { name: `Scones ${say('bookmarks.joined')}`, exact: true }).waitFor({ timeout: 10_000 });

    await phone.publishBookmark({ room: missing, nick: 'alice', autojoin: true });
    const failure = list.getByRole('alert').filter({ hasText: say('bookmarks.joinFailed', { name: missing, error: say('errors.not-found_room', { room: missing }) }) });
    await failure.waitFor({ timeout: 10_000 });
    await failure.getByRole('button', { name: say('bookmarks.dismiss') }).click();
    await failure.waitFor({ state: 'detached' });
  });
});

describe('bookmarks in French', () => {
  const say = words('fr');

  it('a new session joins the saved rooms; the list, a failure and the header’s switch pass axe', async () => {
    const ui = await signedIn('fr-FR', say);
    try {
      const { page } = ui;
      const list = bookmarksOf(page, say);
      const room = `biscuits@${service()}`;
      await list.getByRole('checkbox', { name: say('bookmarks.autojoinLabel', { name: room }) }).waitFor({ timeout: 15_000 });
      await list.getByRole('alert').first().waitFor({ timeout: 15_000 });
      await list.getByRole('button', { name: new RegExp(`^${escape(room)}`) }).click();
      const header = page.getByRole('region', { name: say('room.label', { name: room }), exact: true }).getByRole('button', { name: say('bookmarks.bookmark') });
      await expect.poll(() => header.getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
      expect(await violations(page)).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
