// XEP-0454 §3: an encrypted upload shared as aesgcm://host/path#<iv><key> (hex), the file fetched at the same URL over
// https. IVs of 12 bytes are what today's clients send; 16-byte ones (older clients) are still read.
import { randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
const LEGACY_IV_BYTES = 16;

export interface AesgcmLink {
  /** The https URL the ciphertext is fetched from (no fragment). */
  readonly https: string;
  readonly iv: Buffer;
  readonly key: Buffer;
}

/** A fresh random key and IV for one file. */
export const freshSecrets = (): { key: Buffer; iv: Buffer } => ({ key: randomBytes(KEY_BYTES), iv: randomBytes(IV_BYTES) });

/** §3: the upload's https GET URL with its scheme replaced and the IV then the key appended as the fragment. */
export function buildAesgcmUrl(httpsUrl: string, secrets: { readonly iv: Uint8Array; readonly key: Uint8Array }): string {
  const url = new URL(httpsUrl);
  if (url.protocol !== 'https:') throw new Error('aesgcm:// URLs stand for https URLs only');
  url.hash = '';
  return `aesgcm:${url.href.slice('https:'.length)}#${Buffer.from(secrets.iv).toString('hex')}${Buffer.from(secrets.key).toString('hex')}`;
}

/** The https URL, IV and key of an aesgcm:// URL; undefined when the text is not one. */
export function parseAesgcmUrl(text: string): AesgcmLink | undefined {
  if (!/^aesgcm:\/\//iu.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(`https:${text.slice('aesgcm:'.length)}`);
  } catch {
    return undefined;
  }
  const fragment = url.hash.slice(1);
  const ivHex = fragment.length === 2 * (IV_BYTES + KEY_BYTES) ? 2 * IV_BYTES : fragment.length === 2 * (LEGACY_IV_BYTES + KEY_BYTES) ? 2 * LEGACY_IV_BYTES : 0;
  if (ivHex === 0 || !/^[0-9a-f]+$/iu.test(fragment) || url.hostname === '') return undefined;
  url.hash = '';
  return { https: url.href, iv: Buffer.from(fragment.slice(0, ivHex), 'hex'), key: Buffer.from(fragment.slice(ivHex), 'hex') };
}
