// OMEMO 2 (XEP-0384 v0.8) received by a Causette core from python-omemo's twomemo backend (a slixmpp peer on the harness
// Prosody), an implementation independent of ours: live through the same decrypt step as OMEMO 0.3, the session kept in
// the store across a restart, and a message sent while Causette was offline decrypted from the archive (MAM). And sent by
// Causette: python decrypts our key exchange and what follows, and our second device decrypts its copy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { silentLogger, type Logger } from '../../electron/core/log/logger.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { roomAddress } from './muc-harness.ts';
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
    const written: string[] = [];
    const logger: Logger = { ...silentLogger, stanza: (direction, _account, text) => void (direction === 'out' && written.push(text)), keepsStanzas: () => true, child: () => logger };
    const alice = await harness.signIn(aliceJid, { logger });
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemo2Start();
    await peers.befriend(alice, bob);

    expect((await bob.omemo2Send(aliceJid, 'Bonjour en OMEMO 2')).errors).toEqual([]);
    const first = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Bonjour en OMEMO 2'), 'Causette decrypts the key exchange');
    expect(first).toMatchObject({ encrypted: true, senderDevice: bobDevice, direction: 'in' });
    // Sent at once, before our answer (a second later): python repeats its key exchange, a message in the session it built.
    expect((await bob.omemo2Send(aliceJid, 'Encore une fois')).errors).toEqual([]);
    await until(async () => (await history(alice, bobJid)).some((message) => message.body === 'Encore une fois' && message.encrypted), 'Causette decrypts the second');
    // XEP-0384 v0.8 §6: the key exchange completed with an empty OMEMO 2 message (no payload), which python opens.
    const empty = await until(() => written.find((text) => text.includes(`to="${bobJid}"`) && text.includes('<encrypted xmlns="urn:xmpp:omemo:2"') && !text.includes('<payload')), 'Causette answers the key exchange');
    expect(empty).toContain(`<key rid="${String(bobDevice)}">`);
    expect(empty).toContain('<store xmlns="urn:xmpp:hints"/>');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await bob.omemo2Received()).failures).toEqual([]);

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

describe('sending OMEMO 2 to python-omemo', () => {
  it('a twomemo-only contact decrypts what Causette sends, the conversation goes both ways, and our other device reads our copy', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const written: string[] = [];
    const logger: Logger = { ...silentLogger, stanza: (direction, _account, text) => void (direction === 'out' && written.push(text)), keepsStanzas: () => true, child: () => logger };
    const alice = await harness.signIn(aliceJid, { logger });
    // Alice's second device, on both versions' lists as Causette publishes itself.
    const laptop = await harness.signIn(aliceJid);
    const aliceDevice = (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: aliceJid })).own.deviceId;
    const laptopDevice = (await laptop.handlers['omemo.devices']({ accountId: laptop.accountId, jid: aliceJid })).own.deviceId;
    await until(async () => (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: aliceJid })).devices.some((device) => device.deviceId === laptopDevice), 'alice sees her laptop');
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemo2Start();
    await peers.befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'encryption on: bob has OMEMO 2 devices only');
    // The trust panel lists bob's OMEMO 2-only device with its fingerprint, blindly trusted.
    const listed = await until(async () => (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid })).devices.find((device) => device.deviceId === bobDevice && device.fingerprint), 'bob’s device listed');
    expect(listed).toMatchObject({ trust: 'undecided', used: true });

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Bonjour python, en OMEMO 2' });
    const decrypted = await until(async () => (await bob.omemo2Received()).decrypted.find((message) => message.body === 'Bonjour python, en OMEMO 2'), 'python decrypts Causette’s key exchange');
    // v0.8 §5.5.1: the envelope has its padding and the time, and no room named in a chat.
    expect(decrypted).toMatchObject({ from: aliceJid, device: aliceDevice, type: 'chat', to: null, rpad: true });
    expect(Math.abs(Date.parse(decrypted.time ?? '') - Date.now())).toBeLessThan(60_000);
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === sent.id)?.encrypted, 'alice’s copy marked encrypted');
    // XEP-0384 v0.8 §5.5.3: OMEMO 2 only (every recipient has it), the fallback body, XEP-0380 naming urn:xmpp:omemo:2, the store hint.
    const stanza = written.find((text) => text.includes(`to="${bobJid}"`) && text.includes('<payload>')) ?? '';
    expect(stanza).toContain('<encrypted xmlns="urn:xmpp:omemo:2"');
    expect(stanza).not.toContain('eu.siacs.conversations.axolotl');
    expect(stanza).toContain('<encryption xmlns="urn:xmpp:eme:0" namespace="urn:xmpp:omemo:2"/>');
    expect(stanza).toContain('<store xmlns="urn:xmpp:hints"/>');
    expect(stanza).not.toContain('Bonjour python');
    expect(stanza).toContain(`<keys jid="${aliceJid}"><key rid="${String(laptopDevice)}" kex="true">`);

    // Our other device decrypts the copy (a carbon) with the key for it.
    const copy = await until(async () => (await history(laptop, bobJid)).find((message) => message.body === 'Bonjour python, en OMEMO 2'), 'the laptop reads the copy');
    expect(copy).toMatchObject({ direction: 'out', encrypted: true });

    expect((await bob.omemo2Send(aliceJid, 'Bien reçu, Causette')).errors).toEqual([]);
    expect(await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Bien reçu, Causette'), 'alice decrypts python’s answer')).toMatchObject({ encrypted: true, senderDevice: bobDevice });
    await until(async () => (await history(laptop, bobJid)).find((message) => message.body === 'Bien reçu, Causette')?.encrypted, 'the laptop decrypts it too');

    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Et une troisième' });
    await until(async () => (await bob.omemo2Received()).decrypted.some((message) => message.body === 'Et une troisième'), 'python decrypts the next one');
    expect((await bob.omemo2Received()).failures).toEqual([]);
  });
});

describe('mixed recipients', () => {
  it('a contact with a python-omemo 0.3 device and a twomemo one gets one stanza with both elements, each device decrypts its own', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const written: string[] = [];
    const logger: Logger = { ...silentLogger, stanza: (direction, _account, text) => void (direction === 'out' && written.push(text)), keepsStanzas: () => true, child: () => logger };
    const alice = await harness.signIn(aliceJid, { logger });
    const aliceDevice = (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: aliceJid })).own.deviceId;
    const bob = await peers.peer(bobJid);
    // Two devices of bob's in one client: oldmemo on the 0.3 list only, twomemo on the OMEMO 2 list only.
    const bobOld = await bob.omemoStart();
    const bobNew = await bob.omemo2Start();
    await peers.befriend(alice, bob);
    const shown = await until(async () => {
      const { devices } = await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid });
      return devices.length === 2 && devices.every((device) => device.fingerprint !== undefined) ? devices : undefined;
    }, 'alice lists both of bob’s devices with their fingerprints');
    expect(shown.map((device) => device.deviceId).sort()).toEqual([bobOld, bobNew].sort());

    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Pour tes deux appareils' });
    const byOld = await until(async () => (await bob.omemoReceived()).decrypted.find((message) => message.body === 'Pour tes deux appareils'), 'the 0.3 device decrypts');
    const byNew = await until(async () => (await bob.omemo2Received()).decrypted.find((message) => message.body === 'Pour tes deux appareils'), 'the OMEMO 2 device decrypts');
    expect(byOld).toMatchObject({ from: aliceJid, device: aliceDevice });
    expect(byNew).toMatchObject({ from: aliceJid, device: aliceDevice });
    const stanza = written.find((text) => text.includes(`to="${bobJid}"`) && text.includes('<payload>')) ?? '';
    expect(stanza).toContain(`<encrypted xmlns="eu.siacs.conversations.axolotl"><header sid="${String(aliceDevice)}"><key rid="${String(bobOld)}" prekey="true">`);
    expect(stanza).toContain(`<encrypted xmlns="urn:xmpp:omemo:2"><header sid="${String(aliceDevice)}"><keys jid="${bobJid}"><key rid="${String(bobNew)}" kex="true">`);
    expect(stanza).toContain('<encryption xmlns="urn:xmpp:eme:0" namespace="eu.siacs.conversations.axolotl" name="OMEMO"/><encryption xmlns="urn:xmpp:eme:0" namespace="urn:xmpp:omemo:2"/>');
    expect(stanza.match(/<body>/g)).toHaveLength(1);

    expect((await bob.omemoSend(aliceJid, 'Réponse en 0.3')).errors).toEqual([]);
    expect((await bob.omemo2Send(aliceJid, 'Réponse en OMEMO 2')).errors).toEqual([]);
    const answers = await until(async () => {
      const messages = (await history(alice, bobJid)).filter((message) => message.body.startsWith('Réponse'));
      return messages.length === 2 ? messages : undefined;
    }, 'alice decrypts both answers');
    expect(answers.map((message) => [message.body, message.senderDevice, message.encrypted]).sort()).toEqual(
      [
        ['Réponse en 0.3', bobOld, true],
        ['Réponse en OMEMO 2', bobNew, true],
      ].sort(),
    );
    expect((await bob.omemoReceived()).failures).toEqual([]);
    expect((await bob.omemo2Received()).failures).toEqual([]);
  });
});

describe('OMEMO 2 with python-omemo in a members-only room', () => {
  it('the twomemo peer decrypts Causette’s room message, whose envelope names the room, and Causette the peer’s', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const aliceDevice = (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: aliceJid })).own.deviceId;
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemo2Start();
    const room = roomAddress(server, 'interop2');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.joinRoom({ room, nick: 'Bob' });
    await until(async () => (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).some((occupant) => occupant.nick === 'Bob'), 'bob is in');
    expect(await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: room })).toMatchObject({ on: true, available: true });

    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'Bonjour le salon, en OMEMO 2' });
    const first = await until(async () => (await bob.omemo2Received()).decrypted.find((entry) => entry.body === 'Bonjour le salon, en OMEMO 2'), 'the peer decrypts');
    // v0.8 §5.5.1: a room message's envelope names the room, so that the server cannot pass it off as a private one.
    expect(first).toMatchObject({ from: aliceJid, device: aliceDevice, type: 'groupchat', to: room });

    expect((await bob.omemo2SendGroupchat(room, [aliceJid], 'Salut depuis python-omemo')).errors).toEqual([]);
    const received = await until(async () => (await history(alice, room)).find((message) => message.body === 'Salut depuis python-omemo'), 'Causette decrypts');
    expect(received).toMatchObject({ encrypted: true, senderDevice: bobDevice, sender: { nick: 'Bob' }, direction: 'in' });
    // Our own message, reflected by the room, reads as we wrote it.
    expect((await history(alice, room)).filter((message) => message.body === 'Bonjour le salon, en OMEMO 2')).toHaveLength(1);

    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'Et encore une' });
    await until(async () => (await bob.omemo2Received()).decrypted.some((entry) => entry.body === 'Et encore une'), 'the peer decrypts the next one');
    expect((await bob.omemo2Received()).failures).toEqual([]);
  });
});
