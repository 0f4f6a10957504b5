// The OMEMO 2 identity key (XEP-0384 v0.8 §5.3.2), one with the device's OMEMO 0.3 identity: the Curve25519 key pair, published
// and fingerprinted in its Ed25519 form with the sign bit 0, that signs with XEdDSA (Signal's XEdDSA spec §2.3).
import { createPublicKey, verify } from 'node:crypto';
import { divide, fromLittleEndian, toLittleEndian } from '../curve25519-field.ts';
import { montgomeryToEdwards, xeddsaSign } from '../xeddsa-sign.ts';
import { generateX25519, x25519PublicKey } from './x25519.ts';

// DER prefix of an Ed25519 SubjectPublicKeyInfo (OID 1.3.101.112, RFC 8410 §4).
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export interface IdentityKey {
  /** The Curve25519 private key (32 bytes), as OMEMO 0.3 keeps it; X3DH uses it as it is. */
  readonly privateKey: Uint8Array;
  /** The Ed25519 public key, as the bundle's <ik> carries it. */
  readonly publicKey: Uint8Array;
}

export const identityFromCurve = (privateKey: Uint8Array): IdentityKey => ({ privateKey, publicKey: montgomeryToEdwards(x25519PublicKey(privateKey)) });

export const generateIdentity = (): IdentityKey => identityFromCurve(generateX25519().privateKey);

export const signWithIdentity = (identity: IdentityKey, message: Uint8Array): Uint8Array => xeddsaSign(identity.privateKey, message);

export function verifyWithIdentity(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, message, createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: 'der', type: 'spki' }), signature);
  } catch {
    // Not a point on the curve: it signed nothing.
    return false;
  }
}

/** The Curve25519 form of an Ed25519 public key: u = (1 + y) / (1 − y) mod p (RFC 7748 §4.1). */
export function edwardsToMontgomery(publicKey: Uint8Array): Uint8Array {
  const y = fromLittleEndian(publicKey) & ((1n << 255n) - 1n);
  return new Uint8Array(toLittleEndian(divide(1n + y, 1n - y)));
}
