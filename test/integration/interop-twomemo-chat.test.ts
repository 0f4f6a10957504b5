// OMEMO 2 (XEP-0384 v0.8) received by a Causette core from python-omemo's twomemo backend (a slixmpp peer on the harness
// Prosody), an implementation independent of ours: live through the same decrypt step as OMEMO 0.3, the session kept in
// the store across a restart, and a message sent while Causette was offline decrypted from the archive (MAM).
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

describe('receiving OMEMO 2 from python-omemo', () => {
  it('decrypts a key exchange and what follows live, then from the archive after a restart, never showing the fallback', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemo2Start();
    await peers.befriend(alice, bob);

    expect((await bob.omemo2Send(aliceJid, 'Bonjour en OMEMO 2')).errors).toEqual([]);
    const first = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Bonjour en OMEMO 2'), 'Causette decrypts the key exchange');
    expect(first).toMatchObject({ encrypted: true, senderDevice: bobDevice, direction: 'in' });
    // We have not answered: python sends its key exchange again, which is a message in the session it built.
    expect((await bob.omemo2Send(aliceJid, 'Encore une fois')).errors).toEqual([]);
    await until(async () => (await history(alice, bobJid)).some((message) => message.body === 'Encore une fois' && message.encrypted), 'Causette decrypts the second');

    // Alice is offline: bob's message waits in her archive, and the session stored before decrypts it.
    await harness.close(alice);
    expect((await bob.omemo2Send(aliceJid, 'Pendant ton absence')).errors).toEqual([]);
    const again = await harness.signIn(aliceJid, { profile: alice.profile });
    const archived = await until(async () => (await history(again, bobJid)).find((message) => message.body === 'Pendant ton absence'), 'Causette decrypts from the archive');
    expect(archived).toMatchObject({ encrypted: true, senderDevice: bobDevice });
    const bodies = (await history(again, bobJid)).map((message) => message.body);
    expect(bodies.some((body) => body.includes('OMEMO 2 encrypted message'))).toBe(false);
    expect(bodies.some((body) => body.startsWith('Could not decrypt'))).toBe(false);
  });
});
