// The OMEMO 2 identity key (XEP-0384 v0.8 §5.3.2): an Ed25519 key pair, published and fingerprinted as Ed25519; X3DH uses
// its Curve25519 form. Kept as the 32-byte Ed25519 seed (RFC 8032 §5.1.5), from which both forms follow.
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { divide, fromLittleEndian, toLittleEndian } from '../curve25519-field.ts';

// DER prefixes of an Ed25519 key (OID 1.3.101.112) in PKCS#8 and SubjectPublicKeyInfo (RFC 8410 §7, §4).
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export interface IdentityKey {
  readonly seed: Uint8Array;
  /** The Ed25519 public key, as the bundle's <ik> carries it. */
  readonly publicKey: Uint8Array;
}

const privateKeyObject = (seed: Uint8Array) => createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });

export function identityFromSeed(seed: Uint8Array): IdentityKey {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return { seed, publicKey: new Uint8Array(spki.subarray(spkiPrefix.length)) };
}

export const generateIdentity = (): IdentityKey => identityFromSeed(new Uint8Array(randomBytes(32)));

/** The X25519 private key with the same scalar as the Ed25519 key: SHA-512 of the seed, first half, clamped (RFC 8032 §5.1.5). */
export function curvePrivateKey(identity: IdentityKey): Uint8Array {
  const scalar = new Uint8Array(createHash('sha512').update(identity.seed).digest().subarray(0, 32));
  scalar[0] = (scalar[0] ?? 0) & 248;
  scalar[31] = ((scalar[31] ?? 0) & 127) | 64;
  return scalar;
}

export const signWithIdentity = (identity: IdentityKey, message: Uint8Array): Uint8Array =>
  new Uint8Array(sign(null, message, privateKeyObject(identity.seed)));

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
