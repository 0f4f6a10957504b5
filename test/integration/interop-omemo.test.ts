// OMEMO 0.3 interop (XEP-0384 v0.3.0) with an independent implementation: a slixmpp peer using python-omemo 1.0 with its
// oldmemo backend (Debian's python3-omemo, python3-oldmemo), both directions (issue 12, Interoperability).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

describe('OMEMO 0.3 with python-omemo', () => {
  it('the peer decrypts what Causette sends, and Causette what the peer sends', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemoStart();
    await peers.befriend(alice, bob);

    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s OMEMO device');
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Bonjour from Causette' });
    const first = await until(async () => (await bob.omemoReceived()).decrypted.find((entry) => entry.body === 'Bonjour from Causette'), 'the peer decrypts');
    expect(first.from).toBe(aliceJid);

    expect((await bob.omemoSend(aliceJid, 'Hello from python-omemo')).errors).toEqual([]);
    const received = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Hello from python-omemo'), 'Causette decrypts');
    expect(received).toMatchObject({ encrypted: true, senderDevice: bobDevice });

    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'and once more' });
    await until(async () => (await bob.omemoReceived()).decrypted.some((entry) => entry.body === 'and once more'), 'the peer decrypts the answer');
    expect((await bob.omemoReceived()).failures).toEqual([]);
  });
});
