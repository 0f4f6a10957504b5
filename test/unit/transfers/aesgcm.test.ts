// XEP-0454: aesgcm:// URLs built and read (IV then key in the fragment), and files encrypted and decrypted as streams,
// checked against a published AES-256-GCM vector (the GCM specification's test case 15) and a wrong key.
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { decryptingStream, encryptingStream } from '../../../electron/core/transfers/aesgcm/aesgcm-stream.ts';
import { buildAesgcmUrl, freshSecrets, parseAesgcmUrl } from '../../../electron/core/transfers/aesgcm/aesgcm-url.ts';

const hex = (text: string) => Buffer.from(text, 'hex');
// McGrew & Viega, "The Galois/Counter Mode of Operation", test case 15 (AES-256, 96-bit IV, no additional data).
const vector = {
  key: hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
  iv: hex('cafebabefacedbaddecaf888'),
  plain: hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255'),
  cipher: hex('522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad'),
  tag: hex('b094dac5d93471bdec1a502270e3cc6c'),
};

/** Streams the bytes through in chunks of `size`, as a socket would. */
const through = (bytes: Buffer, step: NodeJS.ReadWriteStream, size: number) => {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return buffer(Readable.from(chunks).pipe(step));
};

describe('aesgcm:// URLs', () => {
  it('puts the IV then the key in the fragment of the https URL with its scheme replaced', () => {
    const url = buildAesgcmUrl('https://upload.example.org:5281/file_share/abc/holiday%20photo.jpg', { iv: vector.iv, key: vector.key });
    expect(url).toBe(`aesgcm://upload.example.org:5281/file_share/abc/holiday%20photo.jpg#cafebabefacedbaddecaf888${vector.key.toString('hex')}`);
    expect(parseAesgcmUrl(url)).toEqual({ https: 'https://upload.example.org:5281/file_share/abc/holiday%20photo.jpg', iv: vector.iv, key: vector.key });
  });

  it('reads the 16-byte IVs of older clients and refuses fragments of any other length, non-hex ones and other schemes', () => {
    const legacy = parseAesgcmUrl(`aesgcm://host.example/f.png#${'ab'.repeat(16)}${'cd'.repeat(32)}`);
    expect(legacy?.iv).toEqual(Buffer.alloc(16, 0xab));
    expect(legacy?.key).toEqual(Buffer.alloc(32, 0xcd));
    expect(parseAesgcmUrl(`aesgcm://host.example/f.png#${'ab'.repeat(12)}${'cd'.repeat(31)}`)).toBeUndefined();
    expect(parseAesgcmUrl(`aesgcm://host.example/f.png#${'zz'.repeat(44)}`)).toBeUndefined();
    expect(parseAesgcmUrl('aesgcm://host.example/f.png')).toBeUndefined();
    expect(parseAesgcmUrl(`https://host.example/f.png#${'ab'.repeat(44)}`)).toBeUndefined();
    expect(() => buildAesgcmUrl('http://host.example/f.png', freshSecrets())).toThrow();
  });

  it('makes a fresh 32-byte key and 12-byte IV each time', () => {
    const [one, two] = [freshSecrets(), freshSecrets()];
    expect([one.key.length, one.iv.length]).toEqual([32, 12]);
    expect(one.key.equals(two.key)).toBe(false);
  });
});

describe('AES-256-GCM file streams', () => {
  it('encrypts to the known ciphertext followed by the tag, whatever the chunk size', async () => {
    for (const size of [1, 7, 16, 64]) expect((await through(vector.plain, encryptingStream(vector), size)).toString('hex')).toBe(Buffer.concat([vector.cipher, vector.tag]).toString('hex'));
  });

  it('decrypts the known vector, holding back the tag across chunks', async () => {
    for (const size of [1, 5, 16, 17, 80]) expect((await through(Buffer.concat([vector.cipher, vector.tag]), decryptingStream(vector), size)).equals(vector.plain)).toBe(true);
  });

  it('fails with integrity-failure on a wrong key, an altered byte or a file shorter than a tag', async () => {
    const file = Buffer.concat([vector.cipher, vector.tag]);
    const wrongKey = { iv: vector.iv, key: Buffer.alloc(32, 1) };
    await expect(through(file, decryptingStream(wrongKey), 16)).rejects.toMatchObject({ code: 'integrity-failure' });
    const altered = Buffer.from(file);
    altered[3] = (altered[3] ?? 0) ^ 1;
    await expect(through(altered, decryptingStream(vector), 16)).rejects.toMatchObject({ code: 'integrity-failure' });
    await expect(through(vector.tag.subarray(0, 10), decryptingStream(vector), 16)).rejects.toMatchObject({ code: 'integrity-failure' });
  });
});
