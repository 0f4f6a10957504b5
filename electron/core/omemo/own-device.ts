// Our own OMEMO device: identity, signed prekey rotation keeping the previous one, 100 one-time prekeys
// topped up as they are used (XEP-0384 §5.3 asks for at least 20; 100 is what clients publish).
import { randomInt } from 'node:crypto';
import type { OmemoKeyStore, OwnIdentity } from '../storage/omemo-keys.ts';
import { KeyHelper } from './signal-library.ts';
import { toArrayBuffer } from './signal-store.ts';

export const preKeyTarget = 100;
/** Signed prekeys kept: the current one and the previous, for messages built from the bundle before rotation. */
export const signedPreKeysKept = 2;
/** A signed prekey is replaced once this old (XEP-0384 §5.3.2 leaves the period to the client; a week, as others do). */
export const signedPreKeyLifetimeMs = 7 * 24 * 60 * 60_000;
// Device ids are positive 31-bit integers (XEP-0384 §5.3.1); prekey ids stay under the protobuf field's 2^24.
const maxPreKeyId = 0xffffff;

/** Our identity, made with its signed prekey and one-time prekeys the first time. */
export async function ensureOwnDevice(keys: OmemoKeyStore, now: number): Promise<OwnIdentity> {
  const known = keys.identity();
  if (known) return known;
  const pair = await KeyHelper.generateIdentityKeyPair();
  const identity: OwnIdentity = { deviceId: randomInt(1, 2 ** 31), publicKey: new Uint8Array(pair.pubKey), privateKey: new Uint8Array(pair.privKey), createdAt: now };
  keys.saveIdentity(identity);
  await rotateSignedPreKey(keys, now);
  await topUpPreKeys(keys);
  return identity;
}

/** A new signed prekey with the next id; older ones past the previous are forgotten. */
export async function rotateSignedPreKey(keys: OmemoKeyStore, now: number): Promise<number> {
  const identity = keys.identity();
  if (!identity) throw new Error('There is no OMEMO identity to sign a prekey with.');
  const existing = keys.signedPreKeys();
  const keyId = (Math.max(0, ...existing.map((key) => key.keyId)) % maxPreKeyId) + 1;
  const signed = await KeyHelper.generateSignedPreKey({ pubKey: toArrayBuffer(identity.publicKey), privKey: toArrayBuffer(identity.privateKey) }, keyId);
  keys.putSignedPreKey({
    keyId,
    publicKey: new Uint8Array(signed.keyPair.pubKey),
    privateKey: new Uint8Array(signed.keyPair.privKey),
    signature: new Uint8Array(signed.signature),
    createdAt: now,
  });
  for (const old of keys.signedPreKeys().slice(signedPreKeysKept)) keys.removeSignedPreKey(old.keyId);
  return keyId;
}

/** Rotates the signed prekey when the newest is past its lifetime; true when the bundle must be published again. */
export async function rotateSignedPreKeyIfDue(keys: OmemoKeyStore, now: number): Promise<boolean> {
  const newest = keys.signedPreKeys()[0];
  if (newest !== undefined && now - newest.createdAt < signedPreKeyLifetimeMs) return false;
  await rotateSignedPreKey(keys, now);
  return true;
}

/** Makes one-time prekeys up to the target with fresh ids (never an id given out before); returns how many. */
export async function topUpPreKeys(keys: OmemoKeyStore, target = preKeyTarget): Promise<number> {
  const ids = keys.preKeyIds();
  const missing = target - ids.length;
  if (missing <= 0) return 0;
  let next = keys.lastPreKeyId();
  const taken = new Set(ids);
  const fresh = [];
  while (fresh.length < missing) {
    next = (next % maxPreKeyId) + 1;
    if (taken.has(next)) continue;
    const key = await KeyHelper.generatePreKey(next);
    fresh.push({ keyId: next, publicKey: new Uint8Array(key.keyPair.pubKey), privateKey: new Uint8Array(key.keyPair.privKey) });
  }
  keys.putPreKeys(fresh);
  return fresh.length;
}
