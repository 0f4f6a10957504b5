import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFrom, encryptFor, hasSession, startSession, wrapFor, type DeviceAddress } from '../../../electron/core/omemo/axolotl-cipher.ts';
import { ownBundle } from '../../../electron/core/omemo/axolotl-publish.ts';
import { ensureOwnDevice } from '../../../electron/core/omemo/own-device.ts';
import { createSignalStore } from '../../../electron/core/omemo/signal-store.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../../electron/core/storage/omemo-sealing.ts';

/** One device of `jid` with its own key store (each device is its own Causette profile). */
async function device(jid: string) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { jid, deviceId, keys, store: createSignalStore(keys), address: { jid, deviceId } as DeviceAddress };
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('OMEMO 0.3 messages over Signal sessions', () => {
  it('wraps key material given by another protocol (XEP-0396), which the device unwraps as it was, beside the IV', async () => {
    const alice = await device('alice@example.com');
    const bob = await device('bob@example.com');
    await startSession(alice.store, bob.address, ownBundle(bob.keys));
    const material = randomBytes(32);
    const iv = randomBytes(12);
    const { encrypted } = await wrapFor(alice.store, alice.deviceId, [bob.address], material, iv);
    expect(encrypted.payload).toBeUndefined();
    expect(Buffer.from(encrypted.iv).equals(iv)).toBe(true);
    const opened = await decryptFrom(bob.store, bob.deviceId, alice.jid, encrypted);
    expect(opened).toMatchObject({ kind: 'key-transport', prekey: true });
    expect(opened.kind === 'key-transport' && Buffer.from(opened.key).equals(material)).toBe(true);
  });

  it('encrypts once for every device with a session, each of which decrypts it; the rest are named', async () => {
    const alice = await device('alice@example.com');
    const aliceOther = await device('alice@example.com');
    const bobPhone = await device('bob@example.com');
    const bobLaptop = await device('bob@example.com');
    for (const peer of [aliceOther, bobPhone, bobLaptop]) await startSession(alice.store, peer.address, ownBundle(peer.keys));
    const unknown = { jid: 'bob@example.com', deviceId: 999 };

    const { encrypted, withoutSession } = await encryptFor(alice.store, alice.deviceId, [bobPhone.address, bobLaptop.address, aliceOther.address, unknown], utf8('Salut Bob'));
    expect(withoutSession).toEqual([unknown]);
    expect(encrypted.sid).toBe(alice.deviceId);
    expect(encrypted.keys.map((key) => [key.rid, key.prekey])).toEqual([bobPhone, bobLaptop, aliceOther].map((peer) => [peer.deviceId, true]));

    for (const peer of [bobPhone, bobLaptop, aliceOther]) {
      const before = peer.keys.preKeyIds().length;
      const result = await decryptFrom(peer.store, peer.deviceId, 'alice@example.com', encrypted);
      expect(result).toMatchObject({ kind: 'message', plaintext: utf8('Salut Bob'), prekey: true });
      expect(peer.keys.preKeyIds()).toHaveLength(before - 1);
    }
  });

  it('answers without a prekey once the session is set up, both ways', async () => {
    const alice = await device('alice@example.com');
    const bob = await device('bob@example.com');
    await startSession(alice.store, bob.address, ownBundle(bob.keys));
    const first = await encryptFor(alice.store, alice.deviceId, [bob.address], utf8('one'));
    await decryptFrom(bob.store, bob.deviceId, alice.jid, first.encrypted);
    expect(await hasSession(bob.store, alice.address)).toBe(true);

    const reply = await encryptFor(bob.store, bob.deviceId, [alice.address], utf8('two'));
    expect(reply.encrypted.keys[0]?.prekey).toBe(false);
    expect(await decryptFrom(alice.store, alice.deviceId, bob.jid, reply.encrypted)).toMatchObject({ kind: 'message', plaintext: utf8('two'), prekey: false });
    const third = await encryptFor(alice.store, alice.deviceId, [bob.address], utf8('three'));
    expect(third.encrypted.keys[0]?.prekey).toBe(false);
    expect(await decryptFrom(bob.store, bob.deviceId, alice.jid, third.encrypted)).toMatchObject({ kind: 'message', plaintext: utf8('three') });
  });

  it('sends a key transport message with no payload, which sets up the session', async () => {
    const alice = await device('alice@example.com');
    const bob = await device('bob@example.com');
    await startSession(alice.store, bob.address, ownBundle(bob.keys));
    const { encrypted } = await encryptFor(alice.store, alice.deviceId, [bob.address]);
    expect(encrypted.payload).toBeUndefined();
    expect(await decryptFrom(bob.store, bob.deviceId, alice.jid, encrypted)).toMatchObject({ kind: 'key-transport', prekey: true });
    expect(await hasSession(bob.store, alice.address)).toBe(true);
  });

  it('says a message holds no key for this device, and reports a changed payload as undecryptable from its device', async () => {
    const alice = await device('alice@example.com');
    const bob = await device('bob@example.com');
    const carol = await device('carol@example.com');
    await startSession(alice.store, bob.address, ownBundle(bob.keys));
    const { encrypted } = await encryptFor(alice.store, alice.deviceId, [bob.address], utf8('secret'));
    expect(await decryptFrom(carol.store, carol.deviceId, alice.jid, encrypted)).toEqual({ kind: 'not-for-this-device' });

    const payload = new Uint8Array(encrypted.payload!);
    payload[0] ^= 0xff;
    const result = await decryptFrom(bob.store, bob.deviceId, alice.jid, { ...encrypted, payload });
    expect(result).toMatchObject({ kind: 'undecryptable', deviceId: alice.deviceId });
  });
});
