import { describe, expect, it } from 'vitest';
import { decryptPayload, encryptPayload } from '../../../electron/core/omemo/axolotl-payload.ts';

const hex = (value: string) => new Uint8Array(Buffer.from(value, 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// The GCM specification's test case 3 (McGrew and Viega, AES-128, 96-bit IV, no additional data).
const vector = {
  key: 'feffe9928665731c6d6a8f9467308308',
  iv: 'cafebabefacedbaddecaf888',
  plaintext: 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
  ciphertext: '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985',
  tag: '4d5c2af327cd64a62cf35abd2ba6fab4',
};

describe('OMEMO 0.3 payload encryption', () => {
  it('matches the known vector, with the tag appended to the key (key||tag) and not to the payload', () => {
    const sealed = encryptPayload(hex(vector.plaintext), hex(vector.key), hex(vector.iv));
    expect(toHex(sealed.ciphertext)).toBe(vector.ciphertext);
    expect(toHex(sealed.keyAndTag)).toBe(vector.key + vector.tag);
    expect(toHex(sealed.iv)).toBe(vector.iv);
    expect(toHex(decryptPayload(hex(vector.key + vector.tag), hex(vector.iv), hex(vector.ciphertext)))).toBe(vector.plaintext);
  });

  it('also reads the older layout: the key alone, the tag after the payload', () => {
    expect(toHex(decryptPayload(hex(vector.key), hex(vector.iv), hex(vector.ciphertext + vector.tag)))).toBe(vector.plaintext);
  });

  it('uses a fresh 16-byte key and 12-byte IV each time, and round-trips UTF-8', () => {
    const text = new TextEncoder().encode('Salut, ça va ? 🙂');
    const one = encryptPayload(text);
    const two = encryptPayload(text);
    expect(one.keyAndTag).toHaveLength(32);
    expect(one.iv).toHaveLength(12);
    expect(toHex(one.keyAndTag)).not.toBe(toHex(two.keyAndTag));
    expect(toHex(one.iv)).not.toBe(toHex(two.iv));
    expect(new TextDecoder().decode(decryptPayload(one.keyAndTag, one.iv, one.ciphertext))).toBe('Salut, ça va ? 🙂');
  });

  it('opens a payload with a 16-byte IV, as older senders used', () => {
    const iv = hex('000102030405060708090a0b0c0d0e0f');
    const sealed = encryptPayload(hex('68656c6c6f'), hex(vector.key), iv);
    expect(toHex(decryptPayload(sealed.keyAndTag, iv, sealed.ciphertext))).toBe('68656c6c6f');
  });

  it('refuses a changed payload, a wrong tag or a key of the wrong length', () => {
    const tampered = hex(vector.ciphertext);
    tampered[0] ^= 1;
    expect(() => decryptPayload(hex(vector.key + vector.tag), hex(vector.iv), tampered)).toThrow();
    expect(() => decryptPayload(hex(vector.key + '00'.repeat(16)), hex(vector.iv), hex(vector.ciphertext))).toThrow();
    expect(() => decryptPayload(hex('00'.repeat(20)), hex(vector.iv), hex(vector.ciphertext))).toThrow('32 bytes');
  });
});
