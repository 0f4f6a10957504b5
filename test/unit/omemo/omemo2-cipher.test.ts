// Opening OMEMO 2 messages to our device with the keys OMEMO 0.3 made (omemo2-cipher.ts): a key exchange builds a stored
// session and uses its prekey up only once the message opened; the sender's identity is kept in its Curve25519 form; what
// does not open is reported, not thrown.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFrom2, storedIdentity } from '../../../electron/core/omemo/omemo2-cipher.ts';
import { ownBundle2 } from '../../../electron/core/omemo/omemo2-own-keys.ts';
import type { Omemo2Encrypted } from '../../../electron/core/omemo/omemo2/encrypted.ts';
import { edwardsToMontgomery, generateIdentity } from '../../../electron/core/omemo/omemo2/identity-key.ts';
import { omemo2Profile } from '../../../electron/core/omemo/omemo2/profile.ts';
import { startSession, wrapKey, type Session } from '../../../electron/core/omemo/omemo2/session.ts';
import { ensureOwnDevice } from '../../../electron/core/omemo/own-device.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer } from '../../../electron/core/storage/omemo-sealing.ts';

const alice = 'alice@example.com';
const bob = 'bob@example.com';
const bobDevice = 4242;

async function aliceKeys() {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid: alice, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const keys = createOmemoKeyStore(db, 'a', createKeySealer(randomBytes(32)));
  const { deviceId } = await ensureOwnDevice(keys, 1);
  return { keys, deviceId };
}

function sealed(session: Session, aliceDevice: number, body: string, to: string = alice): { session: Session; encrypted: Omemo2Encrypted } {
  const { keyMaterial, ciphertext } = omemo2Profile.seal(body, bob, to);
  const wrapped = wrapKey(session, keyMaterial);
  return { session: wrapped.session, encrypted: { sid: bobDevice, keys: new Map([[alice, [{ rid: aliceDevice, ...wrapped.key }]]]), payload: ciphertext } };
}

describe('opening OMEMO 2 messages', () => {
  it('a key exchange from our bundle opens, its prekey is used up, the session is stored and the next message opens with it', async () => {
    const { keys, deviceId } = await aliceKeys();
    const bobIdentity = generateIdentity();
    const bundle = ownBundle2(keys);
    let session = startSession(bobIdentity, bundle, () => 5);
    const preKeyId = bundle.preKeys[5]?.id ?? -1;

    const first = sealed(session, deviceId, 'Bonjour');
    session = first.session;
    expect(decryptFrom2(keys, { jid: alice, deviceId }, bob, first.encrypted, 10)).toEqual({ kind: 'message', body: 'Bonjour', prekey: true });
    expect(keys.preKey(preKeyId)).toBeUndefined();
    expect(keys.session2(bob, bobDevice)).toBeDefined();
    // One identity per device: the stored key is the Curve25519 form with the type byte, as OMEMO 0.3 stores it.
    expect(Buffer.from(keys.deviceIdentity(bob, bobDevice)?.identityKey ?? [])).toEqual(Buffer.concat([Buffer.from([5]), edwardsToMontgomery(bobIdentity.publicKey)]));
    expect(storedIdentity(bobIdentity.publicKey)).toHaveLength(33);

    // Bob has not heard from us: his next message repeats the key exchange, which is a message in the stored session.
    const second = sealed(session, deviceId, 'Encore');
    expect(second.encrypted.keys.get(alice)?.[0]?.kex).toBe(true);
    expect(decryptFrom2(keys, { jid: alice, deviceId }, bob, second.encrypted, 11)).toEqual({ kind: 'message', body: 'Encore', prekey: false });
  });

  it('a tampered payload does not open and leaves the prekey and the session as they were; no key for us, no session: reported', async () => {
    const { keys, deviceId } = await aliceKeys();
    const bundle = ownBundle2(keys);
    const first = sealed(startSession(generateIdentity(), bundle, () => 0), deviceId, 'Bonjour');
    const payload = Buffer.from(first.encrypted.payload ?? []);
    payload[0] = (payload[0] ?? 0) ^ 1;
    const result = decryptFrom2(keys, { jid: alice, deviceId }, bob, { ...first.encrypted, payload }, 10);
    expect(result.kind).toBe('undecryptable');
    expect(keys.preKey(bundle.preKeys[0]?.id ?? -1)).toBeDefined();
    expect(keys.session2(bob, bobDevice)).toBeUndefined();

    expect(decryptFrom2(keys, { jid: alice, deviceId: deviceId + 1 }, bob, first.encrypted, 10)).toEqual({ kind: 'not-for-this-device' });
    // A message that is no key exchange, from a device we have no session with.
    const plain = { ...first.encrypted, keys: new Map([[alice, [{ rid: deviceId, kex: false, data: new Uint8Array(randomBytes(80)) }]]]) };
    expect(decryptFrom2(keys, { jid: alice, deviceId }, bob, plain, 10)).toMatchObject({ kind: 'undecryptable', deviceId: bobDevice });
  });

  it('a room message passed off as a private one, or read in another room, is refused; in its room it opens', async () => {
    const room = 'room@conference.example.com';
    const { keys, deviceId } = await aliceKeys();
    const bobIdentity = generateIdentity();
    const own = { jid: alice, deviceId };
    const message = sealed(startSession(bobIdentity, ownBundle2(keys), () => 1), deviceId, 'Au salon', room);
    // XEP-0384 v0.8 §5.5.1: the server delivers it as a private message through the room, or from another room.
    expect(decryptFrom2(keys, own, bob, message.encrypted, 10, { groupchat: false, from: room })).toMatchObject({ kind: 'undecryptable', code: 'recipient-mismatch' });
    expect(decryptFrom2(keys, own, bob, message.encrypted, 10, { groupchat: true, from: 'other@conference.example.com' })).toMatchObject({ kind: 'undecryptable', code: 'recipient-mismatch' });
    expect(keys.session2(bob, bobDevice)).toBeUndefined();
    expect(decryptFrom2(keys, own, bob, message.encrypted, 10, { groupchat: true, from: room })).toEqual({ kind: 'message', body: 'Au salon', prekey: true });
    // A chat whose envelope names us opens as a chat.
    const chat = sealed(startSession(generateIdentity(), ownBundle2(keys), () => 2), deviceId, 'En privé');
    expect(decryptFrom2(keys, own, bob, { ...chat.encrypted, sid: bobDevice + 1 }, 10, { groupchat: false, from: bob })).toMatchObject({ kind: 'message', body: 'En privé' });
  });
});
