// OMEMO 0.3 interop (XEP-0384 v0.3.0) with Profanity 0.13 (Debian's `profanity`, on libsignal-protocol-c), driven in tmux: a
// one-to-one conversation both ways, whoever opens the session, with a second device of alice joining later, a session Causette
// lost and rebuilt, messages written while alice is offline, and a members-only room; checked on the wire or in the server's
// archive, on Profanity's screen and log, and in Causette's history (issue 12, Interoperability).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NS_AXOLOTL } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { roomAddress } from './muc-harness.ts';
import { asCausette, createProfanityHarness, escape, history, keysOf, serverStore } from './profanity-harness.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { conversation, cleanup } = createProfanityHarness(() => server, harness);

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

describe('OMEMO 0.3 with Profanity', () => {
  it('Profanity decrypts what Causette sends first, and Causette what Profanity answers, with nothing in the clear on the wire', async () => {
    const { alice, aliceJid, aliceDevice, bob, bobDevice, causetteSays, profanitySays, encryptedFrom, nothingWrong } = await conversation();
    await causetteSays('Bonjour from Causette');
    await profanitySays('Hello from Profanity');
    await causetteSays('and once more from Causette');
    await profanitySays('and once more from Profanity');

    // Causette's first message opens the session with one of Profanity's prekeys; its keys go to Profanity's device.
    const fromCausette = await encryptedFrom(aliceDevice, 2);
    expect(keysOf(fromCausette[0])).toContainEqual({ rid: bobDevice, prekey: true });
    for (const message of fromCausette) expect(keysOf(message).map((key) => key.rid)).toContain(bobDevice);
    expect((await encryptedFrom(bobDevice, 2)).flatMap(keysOf).map((key) => key.rid)).toContain(aliceDevice);
    await nothingWrong();

    // Profanity knows alice's one device by the fingerprint Causette shows for it, and trusts it.
    const own = (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: aliceJid })).own;
    await bob.type(`/omemo fingerprint ${aliceJid}`);
    const aliceFingerprint = new RegExp(`${escape(aliceJid)}'s OMEMO fingerprint: ([0-9a-f-]{71}) \\(trusted\\)`);
    expect(asCausette(await bob.waitForScreen((text) => aliceFingerprint.exec(text)?.[1], 'Profanity listing alice’s fingerprint'))).toBe(own.fingerprint);
  });

  it('Causette decrypts the PreKeySignalMessage with which Profanity opens the conversation, and Profanity the answers', async () => {
    const { aliceDevice, bobDevice, causetteSays, profanitySays, encryptedFrom, nothingWrong } = await conversation();
    await profanitySays('Profanity speaks first');
    expect(keysOf((await encryptedFrom(bobDevice, 1))[0])).toContainEqual({ rid: aliceDevice, prekey: true });
    await causetteSays('Causette answers');
    await profanitySays('Profanity again');
    await causetteSays('Causette again');
    expect(keysOf((await encryptedFrom(aliceDevice, 2))[0])).toContainEqual({ rid: bobDevice, prekey: false });
    await nothingWrong();
  });

  it('a second Causette device of alice that joins later opens its own session with Profanity, then gets its messages too', async () => {
    const { alice, aliceJid, aliceDevice, bob, bobJid, bobDevice, plaintexts, causetteSays, profanitySays, encryptedFrom, nothingWrong } = await conversation();
    await causetteSays('from alice’s first device');
    await profanitySays('to alice’s first device');

    const laptop = await harness.signIn(aliceJid);
    const laptopDevice = (await laptop.handlers['omemo.devices']({ accountId: laptop.accountId, jid: bobJid })).own.deviceId;
    expect(laptopDevice).not.toBe(aliceDevice);
    await until(async () => (await laptop.handlers['omemo.encryption']({ accountId: laptop.accountId, peer: bobJid })).on, 'the laptop sees bob’s OMEMO device', 20_000);

    // Profanity 0.13 builds sessions only on /omemo start or from a PreKeySignalMessage, so the new device speaks first.
    plaintexts.push('from alice’s laptop');
    await laptop.handlers['chat.send']({ accountId: laptop.accountId, peer: bobJid, body: 'from alice’s laptop' });
    const shown = new RegExp(`^\\S+ ~ ${escape(aliceJid)}/\\S+: from alice’s laptop\\s*$`, 'm');
    await bob.waitForScreen((text) => shown.test(text), 'Profanity showing the laptop’s message decrypted', 20_000);
    // The laptop encrypted for Profanity and for alice's first device, which reads its own copy as a carbon.
    expect(keysOf((await encryptedFrom(laptopDevice, 1))[0])).toEqual(expect.arrayContaining([{ rid: bobDevice, prekey: true }]));
    const carbon = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'from alice’s laptop'), 'alice’s first device reading the carbon', 20_000);
    expect(carbon).toMatchObject({ direction: 'out', encrypted: true });

    await profanitySays('to both of alice’s devices');
    const onLaptop = await until(async () => (await history(laptop, bobJid)).find((message) => message.body === 'to both of alice’s devices'), 'the laptop decrypting', 20_000);
    expect(onLaptop).toMatchObject({ direction: 'in', encrypted: true, senderDevice: bobDevice });
    const toBoth = (await encryptedFrom(bobDevice, 2))[1];
    expect(keysOf(toBoth).map((key) => key.rid)).toEqual(expect.arrayContaining([aliceDevice, laptopDevice]));
    await nothingWrong();
  });

  it('a session Causette lost is rebuilt from Profanity’s bundle: the message it cannot open is said so, and the conversation recovers', async () => {
    const { alice, aliceJid, aliceDevice, bob, bobJid, bobDevice, plaintexts, causetteSays, profanitySays, encryptedFrom, nothingWrong } = await conversation();
    await causetteSays('before the loss');
    await profanitySays('before the loss, answered');

    // Alice's record of the session is gone (a restored backup, a broken disk): only the store row, keys stay.
    await harness.close(alice);
    const db = openDatabase(join(alice.profile, 'causette.sqlite'));
    createOmemoKeyStore(db, alice.accountId, createKeySealer(randomBytes(32))).removeSession(bobJid, bobDevice);
    db.close();
    const again = await harness.signIn(aliceJid, { profile: alice.profile });
    const sentBefore = (await encryptedFrom(aliceDevice, 1)).length;

    plaintexts.push('after the loss');
    await bob.type('after the loss');
    const lost = await until(async () => (await history(again, bobJid)).find((message) => message.undecryptable === true), 'Causette unable to open it', 20_000);
    expect(lost.body).toBe(`Could not decrypt this message (from device ${String(bobDevice)})`);
    // Causette rebuilds the session from Profanity's bundle and says so with an empty message (a key transport, no payload);
    // Profanity 0.13 reads no message without a payload, so the session starts with Causette's next message, a PreKeySignalMessage.
    const withoutPayload = (message: Element) => message.getChild('encrypted', NS_AXOLOTL)?.getChild('payload') === undefined;
    const repair = await until(async () => (await encryptedFrom(aliceDevice, 1)).slice(sentBefore).find(withoutPayload), 'Causette’s empty message after the rebuild', 20_000);
    expect(keysOf(repair)).toEqual([{ rid: bobDevice, prekey: true }]);

    await causetteSays('after the repair', again);
    const [next] = (await encryptedFrom(aliceDevice, 1)).slice(sentBefore).filter((message) => !withoutPayload(message));
    expect(next && keysOf(next)).toEqual([{ rid: bobDevice, prekey: true }]);
    await profanitySays('after the repair, answered', again);
    await causetteSays('and on the new session', again);
    await nothingWrong();
  });

  it('what Profanity writes while Causette is offline is decrypted when alice comes back, two PreKeySignalMessages on one prekey', async () => {
    const { alice, aliceJid, aliceDevice, bob, bobJid, bobDevice, plaintexts, causetteSays, profanitySays, encryptedFrom, nothingWrong } = await conversation();
    await harness.close(alice);
    // Until it hears back, Profanity sends PreKeySignalMessages on one prekey of alice: the second must open once the first used it.
    for (const body of ['while you were away', 'and again while away']) {
      plaintexts.push(body);
      await bob.type(body);
      await bob.waitForScreen((text) => text.includes(`~ me: ${body}`), `Profanity sending “${body}”`);
    }
    expect((await encryptedFrom(bobDevice, 2)).map(keysOf)).toEqual([[{ rid: aliceDevice, prekey: true }], [{ rid: aliceDevice, prekey: true }]]);
    const again = await harness.signIn(aliceJid, { profile: alice.profile });
    for (const body of ['while you were away', 'and again while away']) {
      const received = await until(async () => (await history(again, bobJid)).find((message) => message.body === body), `Causette decrypting “${body}” on return`, 20_000);
      expect(received).toMatchObject({ direction: 'in', encrypted: true, senderDevice: bobDevice });
    }
    expect((await history(again, bobJid)).some((message) => message.undecryptable === true)).toBe(false);
    await causetteSays('back again', again);
    await profanitySays('welcome back', again);
    await nothingWrong();
  });

  it('in a members-only room, Profanity decrypts what Causette says and Causette what Profanity says', async () => {
    const { alice, bob, bobJid, bobDevice, plaintexts, nothingWrong } = await conversation();
    const room = roomAddress(server, 'interop');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.type(`/join ${room} nick Bob`);
    await bob.waitForScreen((text) => text.includes('You have joined the room as Bob'), 'Profanity in the room');
    await until(async () => (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).some((occupant) => occupant.nick === 'Bob'), 'alice sees Bob in the room');
    expect(await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: room })).toMatchObject({ on: true, available: true });
    // Profanity encrypts in a room for every occupant's real JID (it is non-anonymous), which it learned from their presences.
    await bob.type('/omemo start');
    await bob.waitForScreen((text) => /^\s*\[OMEMO\]/m.test(text), 'Profanity’s room window with OMEMO on');

    const causetteSays = async (body: string) => {
      plaintexts.push(body);
      await alice.handlers['muc.send']({ accountId: alice.accountId, room, body });
      // The room's window has its occupant list on the right, on the same lines.
      const shown = new RegExp(`^\\S+ ~ Alice: ${escape(body)}(\\s|$)`, 'm');
      await bob.waitForScreen((text) => shown.test(text), `Profanity showing “${body}” decrypted in the room`, 20_000);
    };
    const profanitySays = async (body: string) => {
      plaintexts.push(body);
      await bob.type(body);
      const received = await until(async () => (await history(alice, room)).find((message) => message.body === body), `Causette decrypting “${body}” in the room`, 20_000);
      expect(received).toMatchObject({ direction: 'in', encrypted: true, senderDevice: bobDevice, sender: { nick: 'Bob' } });
    };
    await causetteSays('Bonjour the room');
    await profanitySays('Hello from Profanity in the room');
    await causetteSays('and once more in the room');
    await profanitySays('and once more from Profanity in the room');

    // The room's archive on disk holds the encrypted messages, never their text.
    const stored = serverStore(server, room.slice(room.indexOf('@') + 1));
    expect(stored).toContain(NS_AXOLOTL);
    expect(stored).toContain('I sent you an OMEMO encrypted message');
    for (const plaintext of plaintexts) expect(stored).not.toContain(plaintext);
    // The room echoes Profanity's own messages, which carry no key for its own device.
    await nothingWrong([/\[OMEMO\]\[RECV\] received a message with no corresponding key/]);
  });
});
