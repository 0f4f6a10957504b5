// X25519 key generation and agreement from node:crypto (RFC 7748 §5), and XEdDSA verification over its Ed25519, for the
// Signal library, which is slow with its emscripten curve; XEdDSA signing (which node:crypto lacks) stays with the library's.
import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { xeddsaVerify } from './xeddsa-verify.ts';

/** The shape of the library's AsyncCurve: raw 32-byte keys; `verify` resolves true when the signature is INVALID. */
export interface SignalAsyncCurve {
  keyPair(privKey: ArrayBuffer): Promise<{ pubKey: ArrayBuffer; privKey: ArrayBuffer }>;
  sharedSecret(pubKey: ArrayBuffer, privKey: ArrayBuffer): Promise<ArrayBuffer>;
  sign(privKey: ArrayBuffer, message: ArrayBuffer): Promise<ArrayBuffer>;
  verify(pubKey: ArrayBuffer, message: ArrayBuffer, sig: ArrayBuffer): Promise<boolean>;
}

// DER prefixes of an X25519 key (OID 1.3.101.110) in PKCS#8 and SubjectPublicKeyInfo (RFC 8410 §7, §4).
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');

function rawKey(key: ArrayBuffer, what: string): Buffer {
  if (key.byteLength !== 32) throw new Error(`An X25519 ${what} key has 32 bytes, not ${key.byteLength}.`);
  return Buffer.from(key);
}

function privateKeyObject(privKey: ArrayBuffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix, rawKey(privKey, 'private')]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(pubKey: ArrayBuffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([spkiPrefix, rawKey(pubKey, 'public')]), format: 'der', type: 'spki' });
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// A throw inside the executor becomes a rejection, as callers of an async curve expect.
const settle = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/** The library's curve with keyPair, sharedSecret and verify done by OpenSSL; `signing` keeps sign. */
export function createNodeCurve(signing: SignalAsyncCurve): SignalAsyncCurve {
  return {
    keyPair: (privKey) => settle(() => {
      // Clamped as the library's curve does (RFC 7748 §5), so the stored private key is the same bytes.
      const priv = new Uint8Array(rawKey(privKey, 'private'));
      priv[0] &= 248;
      priv[31] &= 127;
      priv[31] |= 64;
      const spki = createPublicKey(privateKeyObject(arrayBuffer(priv))).export({ format: 'der', type: 'spki' });
      return { pubKey: arrayBuffer(spki.subarray(spkiPrefix.length)), privKey: arrayBuffer(priv) };
    }),
    sharedSecret: (pubKey, privKey) =>
      settle(() => arrayBuffer(diffieHellman({ privateKey: privateKeyObject(privKey), publicKey: publicKeyObject(pubKey) }))),
    sign: (privKey, message) => signing.sign(privKey, message),
    // The library's convention: true when the signature is invalid.
    verify: (pubKey, message, sig) => settle(() => !xeddsaVerify(new Uint8Array(pubKey), new Uint8Array(message), new Uint8Array(sig))),
  };
}
