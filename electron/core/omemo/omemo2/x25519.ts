// X25519 (RFC 7748 §5) with node:crypto on raw 32-byte keys: the prekeys, the ephemeral and the ratchet keys of OMEMO 2.
import { createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';

// DER prefixes of an X25519 key (OID 1.3.101.110) in PKCS#8 and SubjectPublicKeyInfo (RFC 8410 §7, §4).
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');

export interface X25519KeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

const privateKeyObject = (privateKey: Uint8Array) => createPrivateKey({ key: Buffer.concat([pkcs8Prefix, privateKey]), format: 'der', type: 'pkcs8' });

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spkiPrefix.length));
}

export function generateX25519(): X25519KeyPair {
  const privateKey = new Uint8Array(randomBytes(32));
  return { privateKey, publicKey: x25519PublicKey(privateKey) };
}

export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const peer = createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: 'der', type: 'spki' });
  return new Uint8Array(diffieHellman({ privateKey: privateKeyObject(privateKey), publicKey: peer }));
}
