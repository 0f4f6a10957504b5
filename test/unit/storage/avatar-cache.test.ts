import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { avatarPath, createAvatarCache } from '../../../electron/core/storage/avatar-cache.ts';
import { sha1Hex } from '../../../electron/core/model/image.ts';
import { onePixelPng } from '../xmpp/avatar/png-fixtures.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-avatars-'));
  dirs.push(dir);
  return join(dir, 'avatars');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the avatar cache', () => {
  it('keeps verified images under their hash, readable only by the user', () => {
    const dir = tempDir();
    const cache = createAvatarCache(dir);
    const bytes = onePixelPng();
    const hash = sha1Hex(bytes);
    expect(cache.has(hash)).toBe(false);
    expect(cache.put(hash, bytes)).toEqual({ ok: true, type: 'image/png' });
    expect(cache.has(hash)).toBe(true);
    expect(statSync(join(dir, hash)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(cache.get(hash)?.bytes ?? []).equals(bytes)).toBe(true);
  });

  it('refuses bytes that do not hash to the id, are too large, or are not an image', () => {
    const cache = createAvatarCache(tempDir());
    const bytes = onePixelPng();
    expect(cache.put(sha1Hex(Buffer.from('other')), bytes)).toEqual({ ok: false, reason: 'hash-mismatch' });
    const svg = Buffer.from('<svg/>');
    expect(cache.put(sha1Hex(svg), svg)).toEqual({ ok: false, reason: 'not-an-image' });
    const huge = Buffer.concat([bytes, Buffer.alloc(1024 * 1024)]);
    expect(cache.put(sha1Hex(huge), huge)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('never turns anything but a SHA-1 into a path', () => {
    expect(avatarPath('/p/avatars', '../../causette.sqlite')).toBeUndefined();
    expect(avatarPath('/p/avatars', `${'a'.repeat(40)}/x`)).toBeUndefined();
    expect(avatarPath('/p/avatars', 'a'.repeat(40))).toBe(join('/p/avatars', 'a'.repeat(40)));
    const cache = createAvatarCache(tempDir());
    expect(cache.has('..')).toBe(false);
    expect(cache.get('../avatars')).toBeUndefined();
  });

  it('does not serve a file changed behind its back', () => {
    const dir = tempDir();
    const cache = createAvatarCache(dir);
    const bytes = onePixelPng();
    const hash = sha1Hex(bytes);
    cache.put(hash, bytes);
    writeFileSync(join(dir, hash), Buffer.concat([bytes, Buffer.from('x')]));
    expect(cache.get(hash)).toBeUndefined();
  });
});
