// Our prekeys (XEP-0384 v0.8 §5.3.2): the signed prekey, its signature by the Ed25519 identity key over its 32 raw bytes,
// and the one-time prekeys.
import { randomInt } from 'node:crypto';
import { signWithIdentity, type IdentityKey } from './identity-key.ts';
import { generateX25519, type X25519KeyPair } from './x25519.ts';

export interface PreKeyPair {
  readonly id: number;
  readonly keyPair: X25519KeyPair;
}

export interface SignedPreKeyPair extends PreKeyPair {
  readonly signature: Uint8Array;
}

export function generateSignedPreKey(identity: IdentityKey, id: number): SignedPreKeyPair {
  const keyPair = generateX25519();
  return { id, keyPair, signature: signWithIdentity(identity, keyPair.publicKey) };
}

/** `count` one-time prekeys numbered from `firstId`. */
export const generatePreKeys = (firstId: number, count: number): PreKeyPair[] =>
  Array.from({ length: count }, (_, i) => ({ id: firstId + i, keyPair: generateX25519() }));

/** A device id: a random positive 31-bit integer (§5.3.1). */
export const generateDeviceId = (): number => randomInt(1, 2 ** 31);
