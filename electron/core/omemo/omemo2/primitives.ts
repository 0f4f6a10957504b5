// The primitives OMEMO 2 is made of (XEP-0384 v0.8 §7): HKDF-SHA-256 (RFC 5869), HMAC-SHA-256, AES-256-CBC with PKCS#7.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Omemo2Error } from './errors.ts';

export const zeroSalt = new Uint8Array(32);

export const hkdf = (inputKey: Uint8Array, salt: Uint8Array, info: string, length: number): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', inputKey, salt, Buffer.from(info, 'ascii'), length));

export const hmac = (key: Uint8Array, ...data: Uint8Array[]): Uint8Array => {
  const mac = createHmac('sha256', key);
  for (const part of data) mac.update(part);
  return new Uint8Array(mac.digest());
};

/** The 80 bytes OMEMO 2 derives from a key (§7.2, §7.3): a 32-byte AES key, a 32-byte HMAC key and a 16-byte IV. */
export function splitKeys(key: Uint8Array, info: string): { encryptionKey: Uint8Array; authenticationKey: Uint8Array; iv: Uint8Array } {
  const material = hkdf(key, zeroSalt, info, 80);
  return { encryptionKey: material.subarray(0, 32), authenticationKey: material.subarray(32, 64), iv: material.subarray(64) };
}

export const aesCbcEncrypt = (key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array => {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
};

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new Omemo2Error('malformed-message', 'The ciphertext does not decrypt (bad padding).');
  }
}

/** Constant-time comparison of two tags. */
export const sameTag = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b);
