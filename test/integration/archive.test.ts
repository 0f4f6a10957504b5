// Message Archive Management (XEP-0313) on the harness Prosody: catch-up after being offline and scroll-back into history.
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage, Message } from '../../shared/model/message.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createMessageStore } from '../../electron/core/storage/messages.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { recordingLogger } from '../support/connection.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const page = (core: TestCore, peer: string, cursor: { before?: string } = {}, limit = 200): Promise<HistoryPage> =>
  core.handlers['chat.history']({ accountId: core.accountId, peer, limit, ...cursor });
const history = async (core: TestCore, peer: string): Promise<Message[]> => (await page(core, peer)).messages;
const bodies = async (core: TestCore, peer: string) => (await history(core, peer)).map((message) => message.body);
const synced = (core: TestCore) => until(() => eventsNamed(core, 'chat.archiveSync').some((event) => event.sync.status === 'idle'), `${core.jid} caught up`);
/** The archive keeps whole seconds: messages a second apart keep their order whichever way they arrive. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

async function sendAll(from: TestCore, to: string, texts: readonly string[]): Promise<void> {
  for (const body of texts) await from.handlers['chat.send']({ accountId: from.accountId, peer: to, body });
  await until(async () => (await history(from, to)).filter((message) => texts.includes(message.body)).every((message) => message.state !== 'pending'), 'all sent');
}

/** Works on a closed core's store directly, as a crash or a wiped profile would leave it. */
function withStore<T>(core: TestCore, work: (store: ReturnType<typeof createMessageStore>, db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(core.profile, 'causette.sqlite'));
  try {
    return work(createMessageStore(db), db);
  } finally {
    db.close();
  }
}

describe('archive catch-up', () => {
  it('bob offline while alice sends, then bob signs in: every message exactly once, in order, and the cursor moves', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await synced(bob);
    await sendAll(alice, bobJid, ['zero']);
    await until(async () => (await history(bob, aliceJid)).length === 1, 'bob has zero live');
    await close(bob);
    // The first catch-up of this profile has no cursor: it fetches the recent archive, merging what was live, and sets one.
    const second = await signIn(bobJid, { profile: bob.profile });
    await synced(second);
    await close(second);
    // The cursor is the newest archive id: zero, or bob's own receipt for it (receipts are archived too).
    const cursor = withStore(second, (store) => store.archiveCursor(second.accountId, bobJid));
    expect(cursor?.id).toMatch(/\S/);
    expect(cursor?.timestamp).toBeTypeOf('number');

    await nextSecond();
    const texts = ['one', 'two', 'three', 'four', 'five'];
    await sendAll(alice, bobJid, texts);
    // Offline delivery and the archive both carry the five: stored once each.
    const log = recordingLogger();
    const third = await signIn(bobJid, { profile: bob.profile, logger: log.logger });
    await synced(third);
    // The catch-up starts from the cursor (XEP-0313 urn:xmpp:mam:2#extended after-id), not from the recent archive.
    const query = log.stanzas.find((line) => line.startsWith('out <iq') && line.includes('urn:xmpp:mam:2'));
    expect(query).toContain(`<field var="after-id"><value>${cursor?.id ?? 'no cursor'}</value></field>`);
    await until(async () => (await history(third, aliceJid)).length >= 6, 'bob has all six');
    const stored = await history(third, aliceJid);
    expect(stored.map((message) => message.body)).toEqual(['zero', ...texts]);
    expect(new Set(stored.map((message) => message.stanzaId)).size).toBe(6);
    expect(stored.every((message) => message.direction === 'in' && message.stanzaId !== undefined)).toBe(true);
    const progress = eventsNamed(third, 'chat.archiveSync').map((event) => event.sync);
    expect(progress[0]).toEqual({ status: 'syncing', fetched: 0 });
    expect(progress.at(-1)).toMatchObject({ status: 'idle' });
    expect(progress.at(-1)?.fetched).toBeGreaterThanOrEqual(texts.length);

    await close(third);
    const moved = withStore(third, (store) => store.archiveCursor(third.accountId, bobJid));
    expect(moved?.id).not.toBe(cursor?.id);
    expect(moved?.timestamp).toBeGreaterThanOrEqual(Math.floor((stored.at(-1)?.timestamp ?? Infinity) / 1000) * 1000);
  });

  it('what bob’s other device received while this core was away comes from the archive alone', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    await sendAll(alice, bobJid, ['hello']);
    // Bob's first sign-in here: offline delivery and the archive both bring hello, and the catch-up sets a cursor.
    const bob = await signIn(bobJid);
    await synced(bob);
    expect(await bodies(bob, aliceJid)).toEqual(['hello']);
    await close(bob);

    const phone = await raw(bobJid, 'phone');
    let onPhone = 0;
    phone.onStanza((stanza) => void (stanza.name === 'message' && stanza.getChild('body') && (onPhone += 1)));
    await phone.send(xml('presence'));
    await nextSecond();
    await sendAll(alice, bobJid, ['a', 'b', 'c']);
    await until(() => onPhone === 3, 'the phone has all three');

    const again = await signIn(bobJid, { profile: bob.profile });
    await synced(again);
    expect(await bodies(again, aliceJid)).toEqual(['hello', 'a', 'b', 'c']);
    expect(eventsNamed(again, 'chat.archiveSync').at(-1)?.sync).toMatchObject({ status: 'idle' });
  });

  it('an archive page overlapping live messages yields no duplicates, on either side', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await Promise.all([synced(alice), synced(bob)]);
    await sendAll(alice, bobJid, ['live 1', 'live 2', 'live 3']);
    await until(async () => (await history(bob, aliceJid)).length === 3, 'bob has the live ones');
    await close(bob);
    await nextSecond();
    await sendAll(alice, bobJid, ['while away 1', 'while away 2']);
    await close(alice);
    // No cursor on either side: the catch-up asks for the whole recent archive, live messages included.
    for (const core of [alice, bob]) withStore(core, (_store, db) => db.prepare('DELETE FROM archive_cursors').run());

    const [aliceAgain, bobAgain] = await Promise.all([signIn(aliceJid, { profile: alice.profile }), signIn(bobJid, { profile: bob.profile })]);
    await Promise.all([synced(aliceAgain), synced(bobAgain)]);
    await until(async () => (await history(bobAgain, aliceJid)).length >= 5, 'bob has all five');
    const expected = ['live 1', 'live 2', 'live 3', 'while away 1', 'while away 2'];
    expect(await bodies(bobAgain, aliceJid)).toEqual(expected);
    expect(await bodies(aliceAgain, bobJid)).toEqual(expected);
    expect((await history(aliceAgain, bobJid)).every((message) => message.direction === 'out' && message.state !== 'pending')).toBe(true);
    expect(eventsNamed(bobAgain, 'chat.archiveSync').at(-1)?.sync.fetched).toBeGreaterThanOrEqual(5);
  });
});

describe('archive scroll-back', () => {
  it('opening history older than the local store fetches it from the archive until there is nothing older', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await synced(bob);
    // In the clear: an OMEMO message key opens once (forward secrecy), so copies deleted here could not be read again.
    await alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer: bobJid, on: false });
    const texts = Array.from({ length: 30 }, (_, index) => `message ${String(index + 1).padStart(2, '0')}`);
    await sendAll(alice, bobJid, texts);
    await until(async () => (await history(bob, aliceJid)).length === 30, 'bob has all thirty');
    await close(bob);
    // A fresh profile on another computer that has caught up already: only the newest five are here.
    withStore(bob, (store, db) => {
      const newest = store.page(bob.accountId, aliceJid, {}, 5).messages;
      db.prepare(`DELETE FROM messages WHERE id NOT IN (${newest.map(() => '?').join(', ')})`).run(...newest.map((message) => message.id));
      db.prepare('DELETE FROM conversations').run();
      const last = newest.at(-1);
      if (last?.stanzaId !== undefined) store.setArchiveCursor(bob.accountId, bobJid, { id: last.stanzaId, timestamp: last.timestamp });
    });

    const again = await signIn(bobJid, { profile: bob.profile });
    await synced(again);
    const first = await page(again, aliceJid, {}, 10);
    expect(first.messages.map((message) => message.body)).toEqual(texts.slice(20));
    expect(first.hasOlder).toBe(true);

    const seen = [...first.messages];
    for (let step = 0; step < 10; step += 1) {
      const oldest = seen[0];
      if (!oldest) break;
      const older = await page(again, aliceJid, { before: oldest.id }, 10);
      seen.unshift(...older.messages);
      if (!older.hasOlder) break;
    }
    expect(seen.map((message) => message.body)).toEqual(texts);
    const last = await page(again, aliceJid, { before: seen[0]?.id ?? '' }, 10);
    expect(last).toMatchObject({ messages: [], hasOlder: false });
    expect(await bodies(again, aliceJid)).toEqual(texts);
  });
});
