// Message Carbons (XEP-0280) between a core and a second resource of the same account on the harness Prosody.
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { NS_SID } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import { NS_CARBONS } from '../../electron/core/xmpp/carbons/carbons-stanzas.ts';
import { NS_FORWARD } from '../../electron/core/xmpp/carbons/forwarded.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> => (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 200 })).messages;
/** The catch-up that follows sign-in has ended: by then carbons were enabled too (asked for before our presence). */
const synced = (core: TestCore) => until(() => eventsNamed(core, 'chat.archiveSync').some((event) => event.sync.status === 'idle'), `${core.jid} caught up`);
const chat = (to: string, id: string, body: string) => xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('origin-id', { xmlns: NS_SID, id }));

describe('message carbons', () => {
  it('alice’s other resource’s messages, sent and received, appear in her core once each', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    await synced(alice);
    const phone = await raw(aliceJid, 'phone');
    const bob = await raw(bobJid, 'desk');

    await phone.send(chat(bobJid, 'p-1', 'sent from the phone'));
    // Two senders' streams are not ordered with each other at the server: bob answers once the phone's is in.
    await until(async () => (await history(alice, bobJid)).length === 1, 'the sent carbon stored');
    await bob.send(chat(`${aliceJid}/phone`, 'b-1', 'to the phone'));
    await until(async () => (await history(alice, bobJid)).length === 2, 'both carbons stored');
    expect((await history(alice, bobJid)).map((message) => [message.direction, message.body, message.originId])).toEqual([
      ['out', 'sent from the phone', 'p-1'],
      ['in', 'to the phone', 'b-1'],
    ]);
    const [sent] = await history(alice, bobJid);
    expect(sent?.state).not.toBe('pending');

    // Signing in again catches up with the archive, which holds both: they merge with the carbons (XEP-0359).
    await close(alice);
    const again = await signIn(aliceJid, { profile: alice.profile });
    await synced(again);
    expect(eventsNamed(again, 'chat.archiveSync').at(-1)?.sync.fetched).toBeGreaterThanOrEqual(2);
    expect((await history(again, bobJid)).map((message) => message.body)).toEqual(['sent from the phone', 'to the phone']);
  });

  it('a carbon that does not come from alice’s own account is ignored', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const alice = await signIn(aliceJid);
    await synced(alice);
    const bob = await raw(bobJid, 'desk');

    // XEP-0280 §11: bob wraps a message "from carol" in a carbon of his own making.
    const forged = xml('message', { from: carolJid, to: aliceJid, type: 'chat', id: 'f-1' }, xml('body', {}, 'forged'));
    await bob.send(xml('message', { to: aliceJid, type: 'chat', id: 'w-1' }, xml('received', { xmlns: NS_CARBONS }, xml('forwarded', { xmlns: NS_FORWARD }, forged))));
    await bob.send(chat(aliceJid, 'b-2', 'genuine'));
    await until(async () => (await history(alice, bobJid)).length === 1, 'the genuine message');

    expect((await history(alice, bobJid)).map((message) => message.body)).toEqual(['genuine']);
    expect(await history(alice, carolJid)).toEqual([]);
    expect((await alice.handlers['chat.conversations']({ accountId: alice.accountId })).map((conversation) => conversation.peer)).toEqual([bobJid]);
  });
});
