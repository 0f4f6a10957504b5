// Full-text search (FTS5) through the core: messages exchanged on the harness Prosody are found, as the user would type.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createMessageStore } from '../../electron/core/storage/messages.ts';
import type { SearchHit } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close } = harness;
const peers = createPeers(() => server);

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const search = (core: TestCore, query: string, accountId?: string): Promise<SearchHit[]> =>
  core.handlers['chat.search']({ query, limit: 50, ...(accountId === undefined ? {} : { accountId }) });

/** Sends from one core and waits until the other has it; answers the sender's message id. */
async function exchange(from: TestCore, to: TestCore, body: string): Promise<string> {
  const sent = await from.handlers['chat.send']({ accountId: from.accountId, peer: to.jid, body });
  await until(() => eventsNamed(to, 'chat.message').some((event) => event.message.peer === from.jid && event.message.body === body), `“${body}” arrives`);
  return sent.id;
}

describe('searching messages', () => {
  it('finds a message on both sides, ignoring case and accents, the last word as a prefix', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await exchange(alice, bob, 'Rendez-vous au Café de la Gare à midi');
    await exchange(bob, alice, 'Parfait, à tout à l’heure');

    const [received] = await search(bob, 'CAFE gar');
    expect(received).toMatchObject({ accountId: bob.accountId, peer: aliceJid, direction: 'in', snippet: 'Rendez-vous au \u0002Café\u0003 de la \u0002Gare\u0003 à midi' });
    const [sent] = await search(alice, 'cafe');
    expect(sent).toMatchObject({ accountId: alice.accountId, peer: bobJid, direction: 'out' });
    expect((await search(alice, 'parf')).map((hit) => hit.direction)).toEqual(['in']);
    expect(await search(alice, 'gare midnight')).toEqual([]);
    // The hit opens its conversation at the message: the page around it holds it.
    const page = await alice.handlers['chat.history']({ accountId: alice.accountId, peer: bobJid, around: sent?.messageId ?? '', limit: 20 });
    expect(page.messages.map((m) => m.id)).toContain(sent?.messageId);
  });

  it('keeps to one account when asked, and refuses an account that does not exist', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const alice = await signIn(aliceJid);
    const bob = await signIn(bobJid);
    // Carol is a second account in bob's core.
    const carol = await bob.handlers['account.add']({ jid: carolJid, password: `${carolJid.split('@')[0] ?? ''}-pw`, remember: true, host: server.host, port: server.c2sPort, tls: 'starttls' });
    await until(async () => (await bob.handlers['app.snapshot']({})).accounts.find((a) => a.id === carol.id)?.connection.status === 'online', 'carol online');
    await exchange(alice, bob, 'the quarterly report is ready');
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: carolJid, body: 'the quarterly report, again' });
    await until(async () => (await search(bob, 'quarterly', carol.id)).length === 1, 'carol has it');

    expect((await search(bob, 'quarterly', bob.accountId)).map((hit) => [hit.accountId, hit.snippet])).toEqual([
      [bob.accountId, 'the \u0002quarterly\u0003 report is ready'],
    ]);
    expect((await search(bob, 'quarterly')).map((hit) => hit.accountId).sort()).toEqual([bob.accountId, carol.id].sort());
    // Hosts turn a handler's throw, synchronous or not, into the error envelope.
    await expect((async () => search(bob, 'quarterly', 'no-such-account'))()).rejects.toMatchObject({ code: 'not-found' });
  });

  it('finds a correction’s new text and not the old, and no longer finds a retracted message', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const typo = await exchange(alice, bob, 'see you at the stasion');
    await alice.handlers['chat.correct']({ accountId: alice.accountId, messageId: typo, body: 'see you at the station' });
    await until(async () => (await search(bob, 'station')).length === 1, 'bob has the correction');
    expect(await search(bob, 'stasion')).toEqual([]);
    expect(await search(alice, 'stasion')).toEqual([]);
    expect((await search(alice, 'station')).map((hit) => hit.messageId)).toEqual([typo]);

    const secret = await exchange(alice, bob, 'the door code is 4711');
    await alice.handlers['chat.retract']({ accountId: alice.accountId, messageId: secret });
    await until(async () => (await search(bob, '4711')).length === 0, 'bob forgets the retracted message');
    expect(await search(alice, 'door code')).toEqual([]);
  });

  it('reads what the user types literally: quotes, operators and column filters find words, never an error', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await exchange(alice, bob, 'body: NEAR the "OR" sign *');
    // The words of the query, whatever the signs around them: found when the message has them all.
    const found: Record<string, number> = {};
    for (const query of ['"', '*', '^', 'NEAR(', 'body:', 'OR', '"OR"', 'AND NOT', '"unbalanced', '{body}:x', '{body}:near']) found[query] = (await search(bob, query)).length;
    expect(found).toEqual({ '"': 0, '*': 0, '^': 0, 'NEAR(': 1, 'body:': 1, OR: 1, '"OR"': 1, 'AND NOT': 0, '"unbalanced': 0, '{body}:x': 0, '{body}:near': 1 });
  });

  it('finds history stored before a restart of the core', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    await close(alice);
    // Written straight into the store, as archives and earlier sessions leave it.
    const db = openDatabase(join(alice.profile, 'causette.sqlite'));
    const store = createMessageStore(db);
    const timestamp = Date.UTC(2024, 0, 15);
    store.insert({ id: 'old-1', accountId: alice.accountId, peer: bobJid, kind: 'chat', direction: 'in', body: 'Happy new year from Zürich', timestamp, state: 'received' });
    store.insert({ id: 'old-2', accountId: alice.accountId, peer: bobJid, kind: 'chat', direction: 'in', body: 'Zurich is cold', timestamp: timestamp + 1, state: 'received' });
    db.close();

    const again = await signIn(aliceJid, { profile: alice.profile });
    expect((await search(again, 'zurich')).map((hit) => [hit.messageId, hit.timestamp])).toEqual([
      ['old-2', timestamp + 1],
      ['old-1', timestamp],
    ]);
    expect(await search(again, 'zurich happy')).toMatchObject([{ messageId: 'old-1', peer: bobJid, snippet: '\u0002Happy\u0003 new year from \u0002Zürich\u0003' }]);
  });

  it('finds room messages like chats, live or from the room’s archive, by their text or who wrote them, and says who', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    const room = `search-${Date.now()}@conference.${server.domain}`;
    await bob.createRoom(room, 'Bobby');
    // Said before alice came: it reaches her from the room (its history and archive, XEP-0313 on the room).
    await bob.sendGroupchat({ room, body: 'The samovar is ready' });
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    await bob.sendGroupchat({ room, body: 'Bring biscuits' });
    await until(async () => (await search(alice, 'biscuits')).length === 1, 'the live message found');
    await until(async () => (await search(alice, 'samovar')).length === 1, 'the earlier message found');

    expect((await search(alice, 'samovar'))[0]).toMatchObject({ peer: room, direction: 'in', senderNick: 'Bobby', snippet: 'The \u0002samovar\u0003 is ready' });
    expect((await search(alice, 'bobby')).map((hit) => hit.snippet).sort()).toEqual(['Bring biscuits', 'The samovar is ready']);
    expect((await search(alice, 'bobby bring')).map((hit) => hit.snippet)).toEqual(['\u0002Bring\u0003 biscuits']);
  });
});
