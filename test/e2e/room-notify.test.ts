// A room's notification setting from its header (issue 11, point 3): by default only mentions of alice count in the
// window title and show as "@1" in the conversation list, and her mention stands out in the room; set to "Never", a
// mention counts nowhere. Bob is a slixmpp occupant (not Causette).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startSlixmppPeer, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let bob: SlixmppPeer;
let alice: BrowserMode;
const say = words('en');

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bob = await startSlixmppPeer({ jid: `bob@${server.domain}`, password: 'bob-pass', host: server.host, port: server.c2sPort, caPath: server.caPath });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await bob?.stop();
  await server?.dispose();
});

const conversations = (page: Page) => page.getByRole('region', { name: say('conversations.title') });

describe('a room’s notification setting', () => {
  it('counts only mentions by default, nothing once set to Never, and marks a mention in the room', async () => {
    const { page } = alice;
    const room = `kitchen@conference.${server.domain}`;
    await bob.createRoom(room, 'bob');
    await conversations(page).getByRole('button', { name: say('joinRoom.open') }).click();
    const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
    await dialog.getByLabel(say('joinRoom.address')).fill(room);
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const view = page.getByRole('region', { name: say('room.label', { name: room }), exact: true });
    const setting = view.getByLabel(say('roomNotify.label'));
    expect(await setting.inputValue()).toBe('mentions');
    expect(await violations(page)).toEqual([]);
    await view.getByRole('button', { name: say('common.close') }).click();
    await view.waitFor({ state: 'detached' });

    // Away from the room: chatter is unread but asks for nothing; a mention is counted and shown.
    const entry = conversations(page).getByRole('button', { name: new RegExp(`^${room.replaceAll('.', '\\.')}`) });
    await bob.sendGroupchat({ room, body: 'the oven is hot' });
    await bob.sendGroupchat({ room, body: 'alice, the bread is ready' });
    await entry.getByText('@1').waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain(say('conversations.mentions_one', { count: 1 }));
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('(1) Causette');

    // In the room the mention stands out; reading it clears the count. Then Never.
    await entry.click();
    const mention = view.getByRole('listitem').filter({ hasText: 'alice, the bread is ready' });
    await expect.poll(() => mention.getAttribute('class')).toContain('mention');
    expect(await mention.textContent()).toContain(say('message.mentionsYou'));
    expect(await view.getByRole('listitem').filter({ hasText: 'the oven is hot' }).getAttribute('class')).not.toContain('mention');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Causette');
    await setting.selectOption({ label: say('roomNotify.none') });
    await expect.poll(() => setting.inputValue()).toBe('none');
    await view.getByRole('button', { name: say('common.close') }).click();

    await bob.sendGroupchat({ room, body: 'alice, again' });
    await entry.getByText('@1').waitFor({ timeout: 10_000 });
    // Still said in the list, quietly; nothing in the title, once the core has had time to recount (UNREAD_RECOUNT_MS).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.title()).toBe('Causette');
  });
});
