// The sender's sha-256 of the whole file (XEP-0234 §8.2 checksum) when a session carries only part of it (§6.4): the bytes
// before and after the range are read from disk, the range's own bytes are hashed as they are sent.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ByteRange } from './range.ts';

async function hashPart(path: string, start: number, end: number, hash: Hash): Promise<void> {
  if (end <= start) return;
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
}

/** Hashes the file around the bytes `send` hands over (each chunk as it goes); the base64 digest of the whole file. */
export async function wholeFileSha256(path: string, size: number, range: ByteRange, send: (onBytes: (bytes: Uint8Array) => void) => Promise<void>): Promise<string> {
  const hash = createHash('sha256');
  await hashPart(path, 0, range.offset, hash);
  await send((chunk) => hash.update(chunk));
  await hashPart(path, range.offset + range.length, size, hash);
  return hash.digest('base64');
}
