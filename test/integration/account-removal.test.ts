// Removing an account with its local history and saved password kept or deleted, then adding it again, on the harness
// Prosody. The server keeps no archive here (default_archive_policy = false), so what comes back is only what was kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, befriend, waitOnline } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256', extraConfig: 'VirtualHost "localhost"\n  default_archive_policy = false\n' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const bodies = async (core: TestCore, accountId: string, peer: string): Promise<string[]> =>
  (await core.handlers['chat.history']({ accountId, peer, limit: 50 })).messages.map((message: Message) => message.body);
const secrets = (core: TestCore): string[] => Object.keys(JSON.parse(readFileSync(join(core.profile, 'passwords.json'), 'utf8')) as object);
/** The secret box also keeps each account's OMEMO store key (omemo-sealing.ts), which is not a password. */
const savedPasswords = (core: TestCore): string[] => secrets(core).filter((name) => !name.startsWith('omemo-store-key:'));

/** Alice and bob are contacts; bob wrote to alice (still unread), and she answered. */
async function conversation(): Promise<{ alice: TestCore; bob: TestCore }> {
  const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
  const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
  await befriend(alice, bob);
  await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'remember this' });
  await until(async () => (await bodies(alice, alice.accountId, bobJid)).includes('remember this'), 'alice has the message');
  await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'I will' });
  await until(() => eventsNamed(alice, 'chat.unreadTotal').at(-1)?.count === 1, 'one unread message');
  return { alice, bob };
}

async function addAgain(alice: TestCore, remember: boolean): Promise<string> {
  const account = await alice.handlers['account.add']({ jid: alice.jid, password: `${alice.jid.slice(0, alice.jid.indexOf('@'))}-pw`, remember, host: server.host, port: server.c2sPort, tls: 'starttls' });
  alice.accountId = account.id;
  await waitOnline(alice);
  return account.id;
}

describe('removing an account', () => {
  it('keeps the history and the password when asked: the account added again shows its old messages', async () => {
    const { alice, bob } = await conversation();
    const removedId = alice.accountId;
    expect(savedPasswords(alice)).toEqual([removedId]);
    await alice.handlers['account.remove']({ accountId: removedId, deleteHistory: false, forgetPassword: false });

    expect((await alice.handlers['app.snapshot']({})).accounts).toEqual([]);
    expect(savedPasswords(alice)).toEqual([removedId]);
    // Kept with the history: the same OMEMO device when the account comes back.
    expect(secrets(alice)).toContain(`omemo-store-key:${removedId}`);
    // Hidden while the account is gone: no search hit, nothing unread counted.
    expect(await alice.handlers['chat.search']({ query: 'remember', limit: 10 })).toEqual([]);
    await until(() => eventsNamed(alice, 'chat.unreadTotal').at(-1)?.count === 0, 'the unread total without the removed account');

    const id = await addAgain(alice, true);
    expect(id).toBe(removedId);
    expect(await bodies(alice, id, bob.jid)).toEqual(['remember this', 'I will']);
    expect((await alice.handlers['chat.search']({ query: 'remember', limit: 10 })).map((hit) => hit.accountId)).toEqual([id]);
    // The roster was forgotten with the account and comes back from the server.
    await until(async () => (await alice.contact(bob.jid))?.subscription === 'both', 'bob back in the roster');
  });

  it('deletes the history and the password when asked: the account added again starts empty', async () => {
    const { alice, bob } = await conversation();
    const removedId = alice.accountId;
    expect(secrets(alice)).toContain(`omemo-store-key:${removedId}`);
    await alice.handlers['account.remove']({ accountId: removedId, deleteHistory: true, forgetPassword: true });
    expect(savedPasswords(alice)).toEqual([]);
    // Its OMEMO keys went with the history, and the key that sealed them too.
    expect(secrets(alice)).not.toContain(`omemo-store-key:${removedId}`);

    const id = await addAgain(alice, false);
    expect(id).not.toBe(removedId);
    expect(await bodies(alice, id, bob.jid)).toEqual([]);
    expect(await alice.handlers['chat.search']({ query: 'remember', limit: 10 })).toEqual([]);
    expect(savedPasswords(alice)).toEqual([]);
  });

  it('a password kept at removal goes when the account comes back without "remember"', async () => {
    const { alice } = await conversation();
    const removedId = alice.accountId;
    await alice.handlers['account.remove']({ accountId: removedId, deleteHistory: false, forgetPassword: false });
    expect(savedPasswords(alice)).toEqual([removedId]);
    expect(await addAgain(alice, false)).toBe(removedId);
    expect(savedPasswords(alice)).toEqual([]);
  });
});
