// Room invitations in the interface: alice invites a contact (carol, slixmpp) and another address (bob) to her private
// group from the room's "Invite…" dialog; bob sees the invitation in his sidebar, joins from it with the room filled in, and
// declines carol's direct invitation to another room. The dialog and the invitations pass axe.
import xml from '@xmpp/xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startSlixmppPeer, type ReceivedStanza, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let carol: SlixmppPeer;
let alice: BrowserMode;
let bob: BrowserMode;
let alicePhone: Connection;
const say = words('en');

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  carol = await startSlixmppPeer({ jid: `carol@${server.domain}`, password: 'carol-pass', host: server.host, port: server.c2sPort, caPath: server.caPath });
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
  // Carol in alice's roster, put there from alice's phone (RFC 6121 §2.3): the window gets the roster push.
  alicePhone = await plainClient(server, 'alice', 'alice-pass');
  await alicePhone.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: `carol@${server.domain}`, name: 'Carol' }))), 10_000);
});

afterAll(async () => {
  await alicePhone?.stop();
  await Promise.all([alice?.close(), bob?.close()]);
  await carol?.stop();
  await server?.dispose();
});

const invitedBy = (room: string) => (stanza: ReceivedStanza) =>
  stanza.tree.name === 'message' && stanza.tree.attrs['from'] === room && stanza.tree.children.some((each) => each.name === 'x' && each.children.some((inner) => inner.name === 'invite'));

describe('room invitations', () => {
  it('alice invites carol from her contacts and bob by address; bob joins from the invitation; a direct one is declined', async () => {
    const room = `plans@conference.${server.domain}`;
    const { page } = alice;
    await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
    const join = page.getByRole('dialog', { name: say('joinRoom.title') });
    await join.getByLabel(say('joinRoom.address')).fill(room);
    await join.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await join.getByRole('button', { name: say('joinRoom.createPrivate') }).click();
    await join.waitFor({ state: 'detached', timeout: 15_000 });
    const view = page.getByRole('region', { name: say('room.label', { name: room }), exact: true });
    await view.waitFor();

    await view.getByRole('button', { name: say('invite.open') }).click();
    const dialog = page.getByRole('dialog', { name: say('invite.title', { name: room }) });
    await dialog.waitFor();
    await dialog.getByText(say('invite.membersOnly')).waitFor();
    await dialog.getByRole('searchbox', { name: say('invite.search') }).fill('car');
    await dialog.getByRole('checkbox', { name: new RegExp(`^Carol`) }).check();
    await dialog.getByLabel(say('invite.others')).fill(`bob@${server.domain}`);
    await dialog.getByLabel(say('invite.reason')).fill('Weekend plans');
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: say('invite.submit_other', { count: 2 }) }).click();
    await dialog.getByRole('status').getByText(say('invite.sent_other', { count: 2 })).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: say('common.close') }).click();
    await dialog.waitFor({ state: 'detached' });

    // A members-only room: the invitations went through it (XEP-0045 §7.8.2), which made them members.
    const atCarol = await carol.waitFor(invitedBy(room), 'the invitation through the room');
    expect(JSON.stringify(atCarol.tree)).toContain('Weekend plans');
    // Carol declines from another client of hers, through the room (§7.8.2): alice's room says so until she dismisses it.
    const carolPhone = await plainClient(server, 'carol', 'carol-pass');
    await carolPhone.send(
      xml('message', { to: room }, xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('decline', { to: `alice@${server.domain}` }, xml('reason', {}, 'Busy all weekend')))),
    );
    await carolPhone.stop();
    const declined = view.getByRole('status').filter({ hasText: say('invite.declinedBy', { jid: `carol@${server.domain}` }) });
    await declined.waitFor({ timeout: 10_000 });
    expect(await declined.textContent()).toContain('Busy all weekend');
    expect(await violations(page)).toEqual([]);
    await declined.getByRole('button', { name: say('invite.dismissDecline', { jid: `carol@${server.domain}` }) }).click();
    await declined.waitFor({ state: 'detached' });

    const list = bob.page.getByRole('region', { name: say('invitations.title') });
    const item = list.getByRole('listitem').filter({ hasText: room });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain(say('invitations.what', { from: `alice@${server.domain}`, room }));
    expect(await item.textContent()).toContain(say('invitations.stranger'));
    expect(await item.textContent()).toContain('Weekend plans');
    expect(await violations(bob.page)).toEqual([]);
    await item.getByRole('button', { name: say('invitations.join') }).click();
    const bobJoin = bob.page.getByRole('dialog', { name: say('joinRoom.title') });
    expect(await bobJoin.getByLabel(say('joinRoom.address')).inputValue()).toBe(room);
    await bobJoin.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await bobJoin.waitFor({ state: 'detached', timeout: 15_000 });
    await bob.page.getByRole('region', { name: say('room.label', { name: room }), exact: true }).waitFor();
    await list.waitFor({ state: 'detached', timeout: 10_000 });

    const other = `games@conference.${server.domain}`;
    await carol.directInvite({ to: `bob@${server.domain}`, room: other, reason: 'Chess?' });
    const direct = list.getByRole('listitem').filter({ hasText: other });
    await direct.waitFor({ timeout: 10_000 });
    expect(await direct.textContent()).toContain('Chess?');
    await direct.getByRole('button', { name: say('invitations.decline') }).click();
    await list.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
