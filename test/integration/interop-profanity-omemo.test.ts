// OMEMO 0.3 interop (XEP-0384 v0.3.0) with Profanity 0.13 (Debian's `profanity`, on libsignal-protocol-c), driven in tmux: a
// one-to-one conversation both ways, whoever opens the session, with a second device of alice joining later, a session Causette
// lost and rebuilt, and messages written while alice is offline; checked on the wire, on Profanity's screen and log, and in
// Causette's history (issue 12, Interoperability).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { NS_AXOLOTL } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { buildCarbonsEnable, NS_CARBONS } from '../../electron/core/xmpp/carbons/carbons-stanzas.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../electron/core/storage/omemo-sealing.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startProfanity, type Profanity } from '../support/profanity.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const clients: Profanity[] = [];

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  await harness.cleanup();
});
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Profanity's fingerprint (8 groups of 8 hex digits joined by '-') in Causette's spelling (groups joined by spaces). */
const asCausette = (fingerprint: string) => fingerprint.split('-').join(' ');

/** The message a stanza carries: itself, or the copy a carbon forwards (XEP-0280 §6). */
const carried = (stanza: Element): Element | undefined =>
  (stanza.getChild('sent', NS_CARBONS) ?? stanza.getChild('received', NS_CARBONS))?.getChild('forwarded')?.getChild('message') ?? stanza;

/** A wrapped key on the wire: its recipient device and whether it opens a session (XEP-0384 v0.3.0 §4.5). */
const keysOf = (message: Element) =>
  (message.getChild('encrypted', NS_AXOLOTL)?.getChild('header')?.getChildren('key') ?? []).map((key) => ({ rid: Number(key.attrs.rid), prekey: key.attrs.prekey === 'true' || key.attrs.prekey === '1' }));

/**
 * Causette's alice and Profanity's bob, subscribed both ways, each knowing the other's OMEMO device; a second resource of bob
 * with carbons records what the server delivers to bob and what Profanity sends, to check the wire.
 */
async function conversation() {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const bob = await startProfanity({ jid: bobJid, password: `${bobJid.slice(0, bobJid.indexOf('@'))}-pw`, host: server.host, port: server.c2sPort });
  clients.push(bob);
  // Every OMEMO key trusted on first sight (Causette's default before verification); '~' marks a decrypted message.
  await bob.type('/omemo trustmode blind');
  await bob.type('/omemo char ~');
  await bob.connect();
  await bob.type('/omemo gen');
  const bobDevice = Number(await bob.waitForScreen((text) => /Your Device ID is (\d+)/.exec(text)?.[1], 'Profanity’s OMEMO keys'));
  // Profanity 0.13.1 publishes its device list only when the fetch of its own list succeeds or fails with the legacy error code
  // 404; Prosody 0.12 answers item-not-found without one, so a new account's list needs this nudge (its notification does it).
  await bob.type('/omemo clear_device_list');
  await bob.waitForScreen((text) => text.includes(`Going to publish own device ID: ${bobDevice}`), 'Profanity publishing its device list');
  const ownTrust = new RegExp(`Blind trust for ${escape(bobJid)} device ${bobDevice} \\(([0-9a-f-]{71})\\)`);
  const bobFingerprint = await bob.waitForScreen((text) => ownTrust.exec(text)?.[1], 'Profanity’s own fingerprint');
  // From here on, Profanity's log must hold no error or warning (a bundle it cannot read, a message it cannot decrypt…).
  const logFrom = (await bob.log()).length;

  const wire: Element[] = [];
  const observer = await harness.raw(bobJid, 'observer');
  observer.onStanza((stanza) => {
    if (stanza.name === 'message') wire.push(stanza);
  });
  await observer.iq(buildCarbonsEnable());
  await observer.send(xml('presence'));

  const alice = await harness.signIn(aliceJid);
  await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, groups: [] });
  await bob.waitForScreen((text) => text.includes(`Received authorization request from ${aliceJid}`), 'the subscription request in Profanity');
  await bob.type(`/sub allow ${aliceJid}`);
  await bob.type(`/sub request ${aliceJid}`);
  await until(async () => (await alice.contact(bobJid))?.subscription === 'both', 'alice and bob subscribed both ways', 20_000);
  await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s OMEMO device', 20_000);
  const devices = await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid });
  expect(devices.devices).toEqual([expect.objectContaining({ deviceId: bobDevice, fingerprint: asCausette(bobFingerprint), used: true })]);
  const aliceDevice = devices.own.deviceId;

  // Profanity fetches alice's device list and bundle, and opens the conversation with OMEMO on.
  await bob.type(`/omemo start ${aliceJid}`);
  await bob.waitForScreen((text) => text.includes(`${aliceJid} [online] [OMEMO]`), 'Profanity’s OMEMO conversation with alice');

  const plaintexts: string[] = [];
  /** `core`: another core of alice (default: the first). */
  const causetteSays = async (body: string, core: TestCore = alice) => {
    plaintexts.push(body);
    await core.handlers['chat.send']({ accountId: core.accountId, peer: bobJid, body });
    const shown = new RegExp(`^\\S+ ~ ${escape(aliceJid)}/\\S+: ${escape(body)}\\s*$`, 'm');
    await bob.waitForScreen((text) => shown.test(text), `Profanity showing “${body}” decrypted`, 20_000);
  };
  const profanitySays = async (body: string, core: TestCore = alice) => {
    plaintexts.push(body);
    await bob.type(body);
    const received = await until(async () => (await history(core, bobJid)).find((message) => message.body === body), `Causette decrypting “${body}”`, 20_000);
    expect(received).toMatchObject({ direction: 'in', encrypted: true, senderDevice: bobDevice });
    expect(received.undecryptable).not.toBe(true);
  };
  /** The encrypted messages on the wire from `device`, once there are `count` of them. */
  const encryptedFrom = (device: number, count: number) =>
    until(() => {
      const found = wire
        .map(carried)
        .filter((message): message is Element => message?.getChild('encrypted', NS_AXOLOTL)?.getChild('header')?.attrs.sid === String(device));
      return found.length >= count ? found : undefined;
    }, `${count} encrypted messages from device ${device} on the wire`);
  /** Nothing said so far crossed the wire in the clear, and Profanity showed or logged no message it could not decrypt. */
  const nothingWrong = async () => {
    const onTheWire = wire.map((stanza) => stanza.toString()).join('\n');
    for (const plaintext of plaintexts) expect(onTheWire).not.toContain(plaintext);
    const screen = await bob.screen();
    expect(screen).not.toContain('I sent you an OMEMO encrypted message');
    expect(screen).not.toMatch(/unable to decrypt/i);
    // "No device (N) store" is libsignal looking for a session before a PreKeySignalMessage from a new device creates it.
    const complaints = (await bob.log())
      .slice(logFrom)
      .split('\n')
      .filter((line) => /prof: (ERR|WRN)/.test(line) && !/\[OMEMO\]\[STORE\] No device \(\d+\) store for \S+ found/.test(line));
    expect(complaints).toEqual([]);
  };

  return { alice, aliceJid, aliceDevice, bob, bobJid, bobDevice, plaintexts, causetteSays, profanitySays, encryptedFrom, nothingWrong };
}

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
});
