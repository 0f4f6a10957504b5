// Avatar bytes: their SHA-1 (XEP-0084 §4.2, XEP-0153 §4.3), their image type by magic bytes, and a PNG's size from its IHDR.
import { createHash } from 'node:crypto';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** The most an avatar we keep may weigh. */
export const MAX_AVATAR_BYTES = 1024 * 1024;

export const sha1Hex = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

export const isSha1Hex = (text: string): boolean => /^[0-9a-f]{40}$/.test(text);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The image type the bytes really are, whatever a sender claims; undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/** A PNG's width and height from its first chunk, which must be IHDR (PNG §11.2.2); undefined when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !startsWith(bytes, PNG_SIGNATURE) || !startsWith(bytes, ascii('IHDR'), 12)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** Base64 as XML carries it (it may be folded over lines, XEP-0153 BINVAL often is); undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
