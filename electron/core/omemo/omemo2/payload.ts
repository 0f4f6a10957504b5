// OMEMO 2 payload encryption (XEP-0384 v0.8 §4.4): a fresh 32-byte key, HKDF-SHA-256 (zero salt, info "OMEMO Payload")
// to an AES-256-CBC key, an HMAC-SHA-256 key and an IV; the tag, the HMAC of the ciphertext truncated to 16 bytes, is
// appended to the key, and key||tag (48 bytes) is what each device's Double Ratchet wraps.
import { randomBytes } from 'node:crypto';
import { Omemo2Error } from './errors.ts';
import { aesCbcDecrypt, aesCbcEncrypt, hmac, sameTag, splitKeys } from './primitives.ts';

const info = 'OMEMO Payload';
export const payloadKeyLength = 32;
export const payloadTagLength = 16;

export interface SealedPayload {
  readonly ciphertext: Uint8Array;
  /** The key followed by the tag: the plaintext of every per-device message. */
  readonly keyMaterial: Uint8Array;
}

/** `key` is given only by known-vector tests. */
export function encryptPayload(plaintext: Uint8Array, key: Uint8Array = new Uint8Array(randomBytes(payloadKeyLength))): SealedPayload {
  const { encryptionKey, authenticationKey, iv } = splitKeys(key, info);
  const ciphertext = aesCbcEncrypt(encryptionKey, iv, plaintext);
  const tag = hmac(authenticationKey, ciphertext).subarray(0, payloadTagLength);
  return { ciphertext, keyMaterial: new Uint8Array(Buffer.concat([key, tag])) };
}

export function decryptPayload(keyMaterial: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  if (keyMaterial.length !== payloadKeyLength + payloadTagLength) {
    throw new Omemo2Error('malformed-message', 'OMEMO 2 key material has 48 bytes.', { length: keyMaterial.length });
  }
  const { encryptionKey, authenticationKey, iv } = splitKeys(keyMaterial.subarray(0, payloadKeyLength), info);
  if (!sameTag(hmac(authenticationKey, ciphertext).subarray(0, payloadTagLength), keyMaterial.subarray(payloadKeyLength))) {
    throw new Omemo2Error('authentication-failed', 'The payload does not match its authentication tag.');
  }
  return aesCbcDecrypt(encryptionKey, iv, ciphertext);
}

/** An empty OMEMO message (§4.5: a key transport or heartbeat) wraps 32 zero bytes and no tag, and has no payload. */
export const emptyKeyMaterial = (): Uint8Array => new Uint8Array(payloadKeyLength);
