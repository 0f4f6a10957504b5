// OMEMO 0.3 payload encryption (XEP-0384 v0.3.0 §4.5): AES-128-GCM under a fresh 16-byte key and 12-byte IV;
// the 16-byte tag is appended to the key, and key||tag (32 bytes) is what each device's Signal session wraps.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const keyLength = 16;
export const tagLength = 16;
export const ivLength = 12;

export interface SealedPayload {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  /** The AES key followed by the GCM tag: the plaintext of every per-device Signal message. */
  readonly keyAndTag: Uint8Array;
}

/** `key` and `iv` are given only by known-vector tests; otherwise fresh random ones are used. */
export function encryptPayload(plaintext: Uint8Array, key: Uint8Array = randomBytes(keyLength), iv: Uint8Array = randomBytes(ivLength)): SealedPayload {
  const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: tagLength });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: new Uint8Array(iv), ciphertext: new Uint8Array(ciphertext), keyAndTag: new Uint8Array(Buffer.concat([key, cipher.getAuthTag()])) };
}

/**
 * Opens a payload with the key||tag a Signal session unwrapped. Older senders wrapped the 16-byte key alone
 * with the tag after the ciphertext; both layouts are read. Throws when the tag does not match.
 */
export function decryptPayload(keyAndTag: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  let key: Uint8Array;
  let tag: Uint8Array;
  let body: Uint8Array;
  if (keyAndTag.length === keyLength + tagLength) {
    key = keyAndTag.subarray(0, keyLength);
    tag = keyAndTag.subarray(keyLength);
    body = ciphertext;
  } else if (keyAndTag.length === keyLength && ciphertext.length >= tagLength) {
    key = keyAndTag;
    tag = ciphertext.subarray(ciphertext.length - tagLength);
    body = ciphertext.subarray(0, ciphertext.length - tagLength);
  } else {
    throw new Error(`An OMEMO 0.3 message key has ${keyLength + tagLength} bytes, not ${keyAndTag.length}.`);
  }
  const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: tagLength }).setAuthTag(tag);
  return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
}
