// OMEMO 0.3 interop (XEP-0384 v0.3.0) with an independent implementation: a slixmpp peer using python-omemo 1.0 with its
// oldmemo backend (Debian's python3-omemo, python3-oldmemo), both directions, one-to-one and in a members-only room
// and privately through that room (issue 12, Interoperability); a message from a device not on the list alice holds has
// her read it again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
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

describe('OMEMO 0.3 with python-omemo in a members-only room', () => {
  it('the peer decrypts Causette’s room message, and Causette the peer’s', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemoStart();
    const room = roomAddress(server, 'interop');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.joinRoom({ room, nick: 'Bob' });
    await until(async () => (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).some((occupant) => occupant.nick === 'Bob'), 'bob is in');
    expect(await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: room })).toMatchObject({ on: true, available: true });

    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'Bonjour the room' });
    const first = await until(async () => (await bob.omemoReceived()).decrypted.find((entry) => entry.body === 'Bonjour the room'), 'the peer decrypts');
    expect(first).toMatchObject({ from: aliceJid, type: 'groupchat' });

    expect((await bob.omemoSendGroupchat(room, [aliceJid], 'Hello from python-omemo in the room')).errors).toEqual([]);
    const received = await until(async () => (await history(alice, room)).find((message) => message.body === 'Hello from python-omemo in the room'), 'Causette decrypts');
    expect(received).toMatchObject({ encrypted: true, senderDevice: bobDevice, sender: { nick: 'Bob' }, direction: 'in' });

    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'and once more' });
    await until(async () => (await bob.omemoReceived()).decrypted.some((entry) => entry.body === 'and once more'), 'the peer decrypts the answer');
    expect((await bob.omemoReceived()).failures).toEqual([]);
  });
});

describe('OMEMO 0.3 with python-omemo in private messages through a members-only room', () => {
  it('the peer decrypts Causette’s private message, encrypted for its real JID, and Causette the peer’s', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemoStart();
    const room = roomAddress(server, 'interop-pm');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.joinRoom({ room, nick: 'Bob' });
    await until(async () => (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).some((occupant) => occupant.nick === 'Bob'), 'bob is in');

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: `${room}/Bob`, body: 'Bonjour, just you' });
    const first = await until(async () => (await bob.omemoReceived()).decrypted.find((entry) => entry.body === 'Bonjour, just you'), 'the peer decrypts');
    expect(first).toMatchObject({ from: aliceJid, type: 'chat' });
    expect((await history(alice, `${room}/Bob`)).find((message) => message.id === sent.id)).toMatchObject({ encrypted: true });

    expect((await bob.omemoSendPrivate(`${room}/Alice`, aliceJid, 'Hello back, privately')).errors).toEqual([]);
    const received = await until(async () => (await history(alice, `${room}/Bob`)).find((message) => message.body === 'Hello back, privately'), 'Causette decrypts');
    expect(received).toMatchObject({ kind: 'private', encrypted: true, senderDevice: bobDevice, sender: { nick: 'Bob', jid: bobJid }, direction: 'in' });
    expect((await bob.omemoReceived()).failures).toEqual([]);
  });
});

describe('OMEMO 0.3 with python-omemo, a device not on the list alice holds', () => {
  it('reads the peer’s list again when its message comes from a device not on it (XEP-0384 §6), without a notification', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const devicesOfBob = async () => (await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid })).devices;
    // Alice reads bob's lists before he has any; no presence subscription, so she is told of no change.
    expect(await devicesOfBob()).toEqual([]);
    const bob = await peers.peer(bobJid);
    const bobDevice = await bob.omemoStart();
    expect(await devicesOfBob()).toEqual([]);

    expect((await bob.omemoSend(aliceJid, 'Hello from a device you have not seen')).errors).toEqual([]);
    await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Hello from a device you have not seen'), 'Causette decrypts');
    const listed = await until(async () => (await devicesOfBob()).find((device) => device.deviceId === bobDevice), 'alice reads bob’s list again');
    // On the 0.3 list only: spoken to in 0.3.
    expect(listed).toMatchObject({ deviceId: bobDevice, version: 'axolotl' });
  });
});
