import { randomBytes } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { describe, expect, it, vi } from 'vitest';
import { decryptFrom, encryptFor, startSession, type DeviceAddress } from '../../../electron/core/omemo/axolotl-cipher.ts';
import { parseEncrypted } from '../../../electron/core/omemo/axolotl-encrypted.ts';
import { ownBundle } from '../../../electron/core/omemo/axolotl-publish.ts';
import { ensureOwnDevice } from '../../../electron/core/omemo/own-device.ts';
import { createSessionUpkeep, HEARTBEAT_AFTER } from '../../../electron/core/omemo/session-upkeep.ts';
import { decryptFrom2 } from '../../../electron/core/omemo/omemo2-cipher.ts';
import { ownBundle2, ownIdentity2 } from '../../../electron/core/omemo/omemo2-own-keys.ts';
import { encryptFor2 } from '../../../electron/core/omemo/omemo2-sending.ts';
import { parseEncrypted as parseEncrypted2 } from '../../../electron/core/omemo/omemo2/encrypted.ts';
import { omemo2Profile } from '../../../electron/core/omemo/omemo2/profile.ts';
import { serializeSession } from '../../../electron/core/omemo/omemo2/session-codec.ts';
import { startSession as startSession2 } from '../../../electron/core/omemo/omemo2/session.ts';
import { createSignalStore } from '../../../electron/core/omemo/signal-store.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../../electron/core/storage/omemo-sealing.ts';

async function device(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { jid, deviceId, keys, store: createSignalStore(keys), address: { jid, deviceId } as DeviceAddress };
}

/** Bob's device, which alice's device opened a session with; bob's upkeep, sending into `sent`. */
async function pair(options: { mayAnswer?: boolean; now?: () => number } = {}) {
  const alice = await device('alice@example.com');
  const bob = await device('bob@example.com');
  await startSession(alice.store, bob.address, ownBundle(bob.keys));
  const opening = await encryptFor(alice.store, alice.deviceId, [bob.address], Buffer.from('hello'));
  await decryptFrom(bob.store, bob.deviceId, alice.jid, opening.encrypted);
  const sent: Element[] = [];
  const asked: Element[] = [];
  const upkeep = createSessionUpkeep({
    ownJid: bob.jid,
    signal: bob.store,
    keys: bob.keys,
    ownDevice: () => Promise.resolve(bob.deviceId),
    send: (stanza) => {
      sent.push(stanza);
      return Promise.resolve();
    },
    iq: (request) => {
      asked.push(request);
      return Promise.reject(new Error('no bundle here'));
    },
    mayAnswer: () => options.mayAnswer ?? true,
    logger: silentLogger,
    ...(options.now ? { now: options.now } : {}),
  });
  return { alice, bob, sent, asked, upkeep };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_300));

describe('OMEMO session upkeep', () => {
  it('completes a session a device opened with one empty message for a burst, which that device opens as a key transport', async () => {
    const { alice, bob, sent, upkeep } = await pair();
    for (let index = 0; index < 5; index++) upkeep.received(alice.address, true);
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5_000 });
    await settle();
    expect(sent).toHaveLength(1);
    const [stanza] = sent;
    expect(stanza?.attrs).toMatchObject({ to: alice.jid, type: 'chat' });
    expect(stanza?.getChild('store', 'urn:xmpp:hints')).toBeDefined();
    const encrypted = parseEncrypted(stanza);
    expect(encrypted?.payload).toBeUndefined();
    expect(await decryptFrom(alice.store, alice.deviceId, bob.jid, encrypted!)).toMatchObject({ kind: 'key-transport', prekey: false });
    upkeep.dispose();
  });

  it('sends no empty message to complete a session when we answered the device with a message first', async () => {
    const { alice, sent, upkeep } = await pair();
    upkeep.received(alice.address, true);
    upkeep.sentTo([alice.address]);
    await settle();
    expect(sent).toHaveLength(0);
    upkeep.dispose();
  });

  it('sends a heartbeat after many messages without an answer, not when we wrote to the device meanwhile', async () => {
    const { alice, sent, upkeep } = await pair();
    for (let index = 1; index < HEARTBEAT_AFTER; index++) upkeep.received(alice.address, false);
    upkeep.sentTo([alice.address]);
    upkeep.received(alice.address, false);
    await settle();
    expect(sent).toHaveLength(0);
    for (let index = 1; index < HEARTBEAT_AFTER; index++) upkeep.received(alice.address, false);
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5_000 });
    upkeep.dispose();
  });

  it('rebuilds a broken session at most once an hour, never for a message seen twice, never for someone who may not learn we are online', async () => {
    let clock = 1_000_000;
    const { alice, asked, upkeep } = await pair({ now: () => clock });
    upkeep.undecryptable(alice.address, 'Message key not found. The counter was repeated or the key was not filled.');
    expect(asked).toHaveLength(0);
    upkeep.undecryptable(alice.address, 'No session found to decrypt message from alice@example.com.1');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.attrs.to).toBe(alice.jid);
    clock += 30 * 60_000;
    upkeep.undecryptable(alice.address, 'Bad MAC');
    expect(asked).toHaveLength(1);
    clock += 31 * 60_000;
    upkeep.undecryptable(alice.address, 'Bad MAC');
    expect(asked).toHaveLength(2);

    const hidden = await pair({ mayAnswer: false });
    hidden.upkeep.undecryptable(hidden.alice.address, 'No session found');
    hidden.upkeep.received(hidden.alice.address, true);
    await settle();
    expect(hidden.asked).toHaveLength(0);
    expect(hidden.sent).toHaveLength(0);
  });

  it('in OMEMO 2, completes a key exchange with an empty OMEMO 2 message (v0.8 §5.5.3), after which the other side sends no more key exchanges', async () => {
    const { alice, bob, sent, upkeep } = await pair();
    // Alice starts an OMEMO 2 session with bob's device from his OMEMO 2 bundle; bob opens her key exchange.
    alice.keys.putSession2(bob.jid, bob.deviceId, serializeSession(startSession2(ownIdentity2(alice.keys)!, ownBundle2(bob.keys))));
    const first = encryptFor2(alice.keys, alice.deviceId, [bob.address], omemo2Profile.seal('Bonjour', alice.jid));
    expect(first.keys.get(bob.jid)?.[0]?.kex).toBe(true);
    expect(decryptFrom2(bob.keys, bob.address, alice.jid, first, 1)).toEqual({ kind: 'message', body: 'Bonjour', prekey: true });

    upkeep.received(alice.address, true, 'omemo2');
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5_000 });
    const empty = parseEncrypted2(sent[0]);
    expect(empty?.payload).toBeUndefined();
    expect(empty?.keys.get(alice.jid)?.[0]).toMatchObject({ rid: alice.deviceId, kex: false });
    // In the version the device spoke only.
    expect(parseEncrypted(sent[0])).toBeUndefined();
    expect(decryptFrom2(alice.keys, alice.address, bob.jid, empty!, 2)).toEqual({ kind: 'key-transport', prekey: false });
    const next = encryptFor2(alice.keys, alice.deviceId, [bob.address], omemo2Profile.seal('Merci', alice.jid));
    expect(next.keys.get(bob.jid)?.[0]?.kex).toBe(false);
    expect(decryptFrom2(bob.keys, bob.address, alice.jid, next, 3)).toEqual({ kind: 'message', body: 'Merci', prekey: false });
    upkeep.dispose();
  });

  it('in OMEMO 2, rebuilds a session from the OMEMO 2 bundle when it is missing, never for a message seen twice', async () => {
    const { alice, asked, upkeep } = await pair();
    upkeep.undecryptable(alice.address, 'This message was already decrypted.', 'omemo2');
    expect(asked).toHaveLength(0);
    upkeep.undecryptable(alice.address, 'No session with this device.', 'omemo2');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.getChild('pubsub')?.getChild('items')?.attrs.node).toBe('urn:xmpp:omemo:2:bundles');
    // The 0.3 session with the same device is repaired apart.
    upkeep.undecryptable(alice.address, 'Bad MAC');
    expect(asked[1]?.getChild('pubsub')?.getChild('items')?.attrs.node).toBe(`eu.siacs.conversations.axolotl.bundles:${String(alice.deviceId)}`);
    upkeep.dispose();
  });
});
