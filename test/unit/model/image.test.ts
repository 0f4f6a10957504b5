import { describe, expect, it } from 'vitest';
import { decodeBase64, isSha1Hex, pngSize, sha1Hex, sniffImageType } from '../../../electron/core/model/image.ts';
import { onePixelPng, pngHeader } from '../xmpp/avatar/png-fixtures.ts';

describe('avatar images', () => {
  it('hashes bytes as XEP-0084 ids: lowercase SHA-1 hex', () => {
    expect(sha1Hex(new TextEncoder().encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(isSha1Hex('a9993e364706816aba3e25717850c26c9cd0d89d')).toBe(true);
    expect(isSha1Hex('A9993E364706816ABA3E25717850C26C9CD0D89D')).toBe(false);
    expect(isSha1Hex('../../etc/passwd')).toBe(false);
  });

  it('knows PNG, JPEG, GIF and WebP by their magic bytes, and nothing else', () => {
    expect(sniffImageType(onePixelPng())).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });

  it('reads a PNG’s size from its IHDR and refuses what is not a PNG', () => {
    expect(pngSize(onePixelPng())).toEqual({ width: 1, height: 1 });
    expect(pngSize(pngHeader(640, 480))).toEqual({ width: 640, height: 480 });
    expect(pngSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
    expect(pngSize(onePixelPng().subarray(0, 20))).toBeUndefined();
  });

  it('decodes base64 folded over lines and refuses anything else', () => {
    expect(Buffer.from(decodeBase64('aGVs\nbG8=') ?? []).toString()).toBe('hello');
    expect(decodeBase64('not base64!')).toBeUndefined();
  });
});
