// Our keys as OMEMO 2 (XEP-0384 v0.8 §5.3.2) sees them: the same as OMEMO 0.3's, one identity per device. The identity is the
// Curve25519 key pair in its Ed25519 form, the signed prekey is signed again with XEdDSA over its 32 raw bytes, and the
// one-time prekeys are shared (one used through either version is gone from both bundles).
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { identityFromCurve, signWithIdentity, type IdentityKey } from './omemo2/identity-key.ts';
import type { OwnPreKeys } from './omemo2/session.ts';
import type { PublicBundle } from './omemo2/x3dh.ts';

/** A key as the Signal library keeps it (33 bytes, type 0x05 first) as OMEMO 2 uses it: the 32 raw bytes. */
export const rawKey = (publicKey: Uint8Array): Uint8Array => (publicKey.length === 33 ? publicKey.subarray(1) : publicKey);

/** Our identity for OMEMO 2: the OMEMO 0.3 key pair; undefined before it is made. */
export function ownIdentity2(keys: OmemoKeyStore): IdentityKey | undefined {
  const identity = keys.identity();
  return identity ? identityFromCurve(identity.privateKey) : undefined;
}

/** Our OMEMO 2 bundle from the key store: the newest signed prekey and every unused one-time prekey. */
export function ownBundle2(keys: OmemoKeyStore): PublicBundle {
  const identity = ownIdentity2(keys);
  const signed = keys.signedPreKeys()[0];
  if (!identity || !signed) throw new Error('There is no OMEMO identity to publish yet.');
  const preKeys = keys.preKeyIds().flatMap((id) => {
    const key = keys.preKey(id);
    return key ? [{ id, publicKey: rawKey(key.publicKey) }] : [];
  });
  const signedPreKey = { id: signed.keyId, publicKey: rawKey(signed.publicKey) };
  return { identityKey: identity.publicKey, signedPreKey, signedPreKeySignature: signWithIdentity(identity, signedPreKey.publicKey), preKeys };
}

/** Our prekeys by id, for a key exchange an OMEMO 2 device sent us. */
export function ownPreKeys2(keys: OmemoKeyStore): OwnPreKeys {
  const pair = (key: { keyId: number; publicKey: Uint8Array; privateKey: Uint8Array } | undefined) =>
    key ? { id: key.keyId, keyPair: { privateKey: key.privateKey, publicKey: rawKey(key.publicKey) } } : undefined;
  return { signedPreKey: (id) => pair(keys.signedPreKey(id)), preKey: (id) => pair(keys.preKey(id)) };
}
