// One-to-one chat (RFC 6121 §5, XEP-0359) between two cores on the harness Prosody.
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createMessageStore } from '../../electron/core/storage/messages.ts';
import { NS_SID } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
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

const history = (core: TestCore, peer: string): Promise<Message[]> => core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 });

describe('one-to-one chat', () => {
  it('alice sends bob a message: bob receives it once and stores it, alice sees it sent', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Hello Bob <b>!</b>' });
    expect(sent).toMatchObject({ direction: 'out', state: 'pending', peer: bobJid, body: 'Hello Bob <b>!</b>' });
    expect(sent.originId).toBe(sent.id);

    const received = await until(() => eventsNamed(bob, 'chat.message').find((event) => event.message.peer === aliceJid)?.message, 'bob receives');
    expect(received).toMatchObject({ direction: 'in', body: 'Hello Bob <b>!</b>', originId: sent.id });
    await until(async () => (await history(alice, bobJid))[0]?.state === 'sent', 'alice’s message marked sent');
    expect(eventsNamed(alice, 'chat.message').map((event) => event.message.state)).toEqual(['pending', 'sent']);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eventsNamed(bob, 'chat.message')).toHaveLength(1);
    expect((await history(bob, aliceJid)).map((message) => message.body)).toEqual(['Hello Bob <b>!</b>']);
    expect(await bob.handlers['chat.conversations']({ accountId: bob.accountId })).toEqual([
      { peer: aliceJid, lastMessage: { body: 'Hello Bob <b>!</b>', timestamp: received.timestamp, direction: 'in' }, unread: 1 },
    ]);
    await bob.handlers['chat.markRead']({ accountId: bob.accountId, peer: aliceJid });
    expect((await bob.handlers['chat.conversations']({ accountId: bob.accountId }))[0]?.unread).toBe(0);
  });

  it('history survives a restart of the core', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'one' });
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'two' });
    await until(async () => (await history(bob, aliceJid)).length === 2, 'bob has both');

    await close(bob);
    const again = await signIn(bobJid, { profile: bob.profile });
    expect((await history(again, aliceJid)).map((message) => message.body)).toEqual(['one', 'two']);
    await close(alice);
    const aliceAgain = await signIn(aliceJid, { profile: alice.profile });
    expect((await history(aliceAgain, bobJid)).map((message) => [message.body, message.state])).toEqual([
      ['one', 'sent'],
      ['two', 'sent'],
    ]);
  });

  it('a stanza repeated with the same origin-id is stored once', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const bob = await signIn(bobJid);
    const other = await raw(aliceJid, 'other');
    const stanza = () =>
      xml('message', { type: 'chat', to: bobJid, id: 'm1' }, xml('body', {}, 'only once'), xml('origin-id', { xmlns: NS_SID, id: 'origin-1' }));
    await other.send(stanza());
    await other.send(stanza());
    await other.send(xml('message', { type: 'chat', to: bobJid, id: 'm2' }, xml('body', {}, 'after')));
    await until(async () => (await history(bob, aliceJid)).some((message) => message.body === 'after'), 'the last message');
    expect((await history(bob, aliceJid)).map((message) => message.body)).toEqual(['only once', 'after']);
    expect(eventsNamed(bob, 'chat.message')).toHaveLength(2);
  });

  it('a message left pending when the core stopped goes out once on the next start', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await close(alice);
    // As if the process died between storing the message and handing it to the connection.
    const db = openDatabase(join(alice.profile, 'causette.sqlite'));
    createMessageStore(db).insert({ id: 'left-1', accountId: alice.accountId, peer: bobJid, direction: 'out', body: 'still here', timestamp: Date.now(), state: 'pending', originId: 'left-1' });
    db.close();

    const again = await signIn(aliceJid, { profile: alice.profile });
    await until(async () => (await history(bob, aliceJid)).length === 1, 'bob receives the pending message');
    await until(async () => (await history(again, bobJid))[0]?.state === 'sent', 'marked sent');
    await close(again);
    await signIn(aliceJid, { profile: alice.profile });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await history(bob, aliceJid)).map((message) => [message.body, message.originId])).toEqual([['still here', 'left-1']]);
  });
});
