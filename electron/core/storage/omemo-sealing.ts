// Private OMEMO material at rest: AES-256-GCM under a random key per account that the host's secret box
// keeps (Electron safeStorage on the desktop, a file readable only by the user in browser mode).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box.ts';

/** Seals and opens one value; `context` names the row it belongs to, so a blob moved to another row fails to open. */
export interface KeySealer {
  seal(plain: Uint8Array, context: string): Uint8Array;
  open(sealed: Uint8Array, context: string): Uint8Array;
}

const format = 1;
const ivLength = 12;
const tagLength = 16;

export function secretBoxEntry(accountId: string): string {
  return `omemo-store-key:${accountId}`;
}

/** The account's store key from the secret box, made and saved there the first time. */
export async function loadStoreKey(secrets: SecretBox, accountId: string): Promise<Buffer> {
  const saved = await secrets.get(secretBoxEntry(accountId));
  if (saved !== undefined) {
    const key = Buffer.from(saved, 'base64');
    if (key.length !== 32) throw new Error('The OMEMO store key in the secret box is damaged (not 32 bytes).');
    return key;
  }
  const key = randomBytes(32);
  await secrets.set(secretBoxEntry(accountId), key.toString('base64'));
  return key;
}

export function createKeySealer(key: Uint8Array): KeySealer {
  if (key.length !== 32) throw new Error('An OMEMO store key has 32 bytes.');
  return {
    seal(plain, context) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.of(format), iv, cipher.getAuthTag(), body]);
    },
    open(sealed, context) {
      if (sealed[0] !== format || sealed.length < 1 + ivLength + tagLength) throw new Error('A sealed OMEMO key has an unknown format.');
      const iv = sealed.subarray(1, 1 + ivLength);
      const tag = sealed.subarray(1 + ivLength, 1 + ivLength + tagLength);
      const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context, 'utf8')).setAuthTag(tag);
      return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(1 + ivLength + tagLength)), decipher.final()]));
    },
  };
}
