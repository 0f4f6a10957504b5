// Avatars on disk, content-addressed: <profile>/avatars/<sha1>, readable only by the user; written only once verified.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSha1Hex, MAX_AVATAR_BYTES, sha1Hex, sniffImageType, type ImageType } from '../model/image.ts';

export type StoreRefusal = 'hash-mismatch' | 'too-large' | 'not-an-image';

export interface AvatarCache {
  has(hash: string): boolean;
  /** Keeps the bytes under their hash when they really hash to it and are an image we show; otherwise says why not. */
  put(hash: string, bytes: Uint8Array): { ok: true; type: ImageType } | { ok: false; reason: StoreRefusal };
  get(hash: string): { bytes: Uint8Array; type: ImageType } | undefined;
}

/** The file of a hash; only a 40-digit lowercase hex name is ever turned into a path, so nothing escapes the folder. */
export function avatarPath(dir: string, hash: string): string | undefined {
  return isSha1Hex(hash) ? join(dir, hash) : undefined;
}

export function createAvatarCache(dir: string): AvatarCache {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    has: (hash) => {
      const file = avatarPath(dir, hash);
      return file !== undefined && existsSync(file);
    },
    put(hash, bytes) {
      const file = avatarPath(dir, hash);
      if (!file || sha1Hex(bytes) !== hash) return { ok: false, reason: 'hash-mismatch' };
      if (bytes.length > MAX_AVATAR_BYTES) return { ok: false, reason: 'too-large' };
      const type = sniffImageType(bytes);
      if (!type) return { ok: false, reason: 'not-an-image' };
      // Written aside then renamed, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.part`;
      writeFileSync(partial, bytes, { mode: 0o600 });
      chmodSync(partial, 0o600);
      renameSync(partial, file);
      return { ok: true, type };
    },
    get(hash) {
      const file = avatarPath(dir, hash);
      if (!file || !existsSync(file)) return undefined;
      const bytes = new Uint8Array(readFileSync(file));
      const type = sniffImageType(bytes);
      // A file changed behind our back is not shown.
      return type && sha1Hex(bytes) === hash ? { bytes, type } : undefined;
    },
  };
}
