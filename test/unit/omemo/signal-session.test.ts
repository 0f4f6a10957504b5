import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore, type OmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../../electron/core/storage/omemo-sealing.ts';
import { ensureOwnDevice, rotateSignedPreKey, rotateSignedPreKeyIfDue, signedPreKeyLifetimeMs, topUpPreKeys } from '../../../electron/core/omemo/own-device.ts';
import { SessionBuilder, SessionCipher, SignalProtocolAddress, type DeviceType } from '../../../electron/core/omemo/signal-library.ts';
import { createSignalStore, parseAddress, toArrayBuffer } from '../../../electron/core/omemo/signal-store.ts';

const alice = 'alice@example.com';
const bob = 'bob.smith@example.co.uk';

function setUp() {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  const keysOf = (id: string, jid: string) => {
    accounts.insert({ id, jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
    return createOmemoKeyStore(db, id, createKeySealer(randomBytes(32)));
  };
  return { aliceKeys: keysOf('a', alice), bobKeys: keysOf('b', bob) };
}

/** What a bundle carries (XEP-0384 §5.3.2), read from the owner's store. */
function bundleOf(keys: OmemoKeyStore, preKeyId: number): DeviceType {
  const identity = keys.identity()!;
  const signed = keys.signedPreKeys()[0];
  const preKey = keys.preKey(preKeyId)!;
  return {
    identityKey: toArrayBuffer(identity.publicKey),
    signedPreKey: { keyId: signed.keyId, publicKey: toArrayBuffer(signed.publicKey), signature: toArrayBuffer(signed.signature) },
    preKey: { keyId: preKey.keyId, publicKey: toArrayBuffer(preKey.publicKey) },
    registrationId: identity.deviceId,
  };
}

const text = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('utf8');
const bytes = (value: string) => toArrayBuffer(Buffer.from(value, 'utf8'));

describe('our OMEMO device', () => {
  it('is made once with a signed prekey and 100 one-time prekeys', async () => {
    const { aliceKeys } = setUp();
    const identity = await ensureOwnDevice(aliceKeys, 1000);
    expect(identity.deviceId).toBeGreaterThan(0);
    expect(identity.deviceId).toBeLessThan(2 ** 31);
    expect(identity.publicKey).toHaveLength(33);
    expect(aliceKeys.signedPreKeys()).toMatchObject([{ keyId: 1, createdAt: 1000 }]);
    expect(aliceKeys.preKeyIds()).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await ensureOwnDevice(aliceKeys, 2000)).deviceId).toBe(identity.deviceId);
    expect(aliceKeys.signedPreKeys()).toHaveLength(1);
  });

  it('rotates its signed prekey keeping the previous one only', async () => {
    const { aliceKeys } = setUp();
    await ensureOwnDevice(aliceKeys, 1000);
    expect(await rotateSignedPreKey(aliceKeys, 2000)).toBe(2);
    expect(await rotateSignedPreKey(aliceKeys, 3000)).toBe(3);
    expect(aliceKeys.signedPreKeys().map((key) => key.keyId)).toEqual([3, 2]);
  });

  it('rotates its signed prekey once it is a week old, not before', async () => {
    const { aliceKeys } = setUp();
    await ensureOwnDevice(aliceKeys, 1000);
    expect(await rotateSignedPreKeyIfDue(aliceKeys, 1000 + signedPreKeyLifetimeMs - 1)).toBe(false);
    expect(aliceKeys.signedPreKeys().map((key) => key.keyId)).toEqual([1]);
    expect(await rotateSignedPreKeyIfDue(aliceKeys, 1000 + signedPreKeyLifetimeMs)).toBe(true);
    expect(aliceKeys.signedPreKeys().map((key) => key.keyId)).toEqual([2, 1]);
    expect(await rotateSignedPreKeyIfDue(aliceKeys, 2000 + signedPreKeyLifetimeMs)).toBe(false);
  });

  it('tops up used prekeys with ids never given out before', async () => {
    const { aliceKeys } = setUp();
    await ensureOwnDevice(aliceKeys, 1000);
    for (const id of [100, 99, 5]) aliceKeys.removePreKey(id);
    expect(await topUpPreKeys(aliceKeys)).toBe(3);
    expect(aliceKeys.preKeyIds().slice(-4)).toEqual([98, 101, 102, 103]);
    expect(aliceKeys.preKeyIds()).not.toContain(100);
    expect(await topUpPreKeys(aliceKeys)).toBe(0);
  });
});

describe('Signal sessions over the OMEMO key store', () => {
  it('reads addresses at the last dot, as JIDs hold dots', () => {
    expect(parseAddress('bob.smith@example.co.uk.12345')).toEqual({ jid: 'bob.smith@example.co.uk', deviceId: 12345 });
    expect(() => parseAddress('bob@example.com')).toThrow();
  });

  it('sets up a session from a bundle, consumes the one-time prekey, and carries messages both ways', async () => {
    const { aliceKeys, bobKeys } = setUp();
    const aliceDevice = await ensureOwnDevice(aliceKeys, 1);
    const bobDevice = await ensureOwnDevice(bobKeys, 1);
    const aliceStore = createSignalStore(aliceKeys, () => 10);
    const bobStore = createSignalStore(bobKeys, () => 20);
    const bobAddress = new SignalProtocolAddress(bob, bobDevice.deviceId);
    const aliceAddress = new SignalProtocolAddress(alice, aliceDevice.deviceId);

    await new SessionBuilder(aliceStore, bobAddress).processPreKey(bundleOf(bobKeys, 42));
    const first = await new SessionCipher(aliceStore, bobAddress).encrypt(bytes('hello bob'));
    expect(first.type).toBe(3);
    expect(aliceKeys.session(bob, bobDevice.deviceId)).toBeDefined();

    const received = await new SessionCipher(bobStore, aliceAddress).decryptPreKeyWhisperMessage(first.body!, 'binary');
    expect(text(received)).toBe('hello bob');
    expect(bobKeys.preKey(42)).toBeUndefined();
    expect(bobKeys.preKeyIds()).toHaveLength(99);
    expect(bobKeys.deviceIdentity(alice, aliceDevice.deviceId)).toMatchObject({ identityKey: aliceDevice.publicKey, trust: 'undecided', firstSeen: 20 });

    const reply = await new SessionCipher(bobStore, aliceAddress).encrypt(bytes('hello alice'));
    expect(reply.type).toBe(1);
    expect(text(await new SessionCipher(aliceStore, bobAddress).decryptWhisperMessage(reply.body!, 'binary'))).toBe('hello alice');
    const next = await new SessionCipher(aliceStore, bobAddress).encrypt(bytes('and again'));
    expect(next.type).toBe(1);
    expect(text(await new SessionCipher(bobStore, aliceAddress).decryptWhisperMessage(next.body!, 'binary'))).toBe('and again');
  });
});
