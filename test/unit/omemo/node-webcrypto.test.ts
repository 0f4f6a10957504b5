import { randomBytes, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeWebCrypto } from '../../../electron/core/omemo/node-webcrypto.ts';

const { subtle } = webcrypto;
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');

describe('the Web Crypto calls the Signal library makes, done by node:crypto', () => {
  it('encrypts and decrypts AES-256-CBC with PKCS#7 padding as Web Crypto does', async () => {
    for (const length of [0, 1, 15, 16, 33]) {
      const key = randomBytes(32);
      const iv = randomBytes(16);
      const data = randomBytes(length);
      const theirs = await subtle.encrypt({ name: 'AES-CBC', iv }, await subtle.importKey('raw', key, { name: 'AES-CBC' }, false, ['encrypt']), data);
      const ourKey = await nodeWebCrypto.subtle.importKey('raw', key, { name: 'AES-CBC' });
      const ours = await nodeWebCrypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(iv) }, ourKey, data);
      expect(hex(ours)).toBe(hex(theirs));
      expect(hex(await nodeWebCrypto.subtle.decrypt({ name: 'AES-CBC', iv }, ourKey, theirs))).toBe(data.toString('hex'));
    }
  });

  it('rejects a ciphertext whose padding is wrong, as Web Crypto does', async () => {
    const key = await nodeWebCrypto.subtle.importKey('raw', randomBytes(32), { name: 'AES-CBC' });
    await expect(nodeWebCrypto.subtle.decrypt({ name: 'AES-CBC', iv: randomBytes(16) }, key, randomBytes(16))).rejects.toThrow();
  });

  it('computes HMAC-SHA-256 and SHA-512 as Web Crypto does, for ArrayBuffers and views alike', async () => {
    const key = randomBytes(32);
    const data = randomBytes(100);
    const theirs = await subtle.sign({ name: 'HMAC' }, await subtle.importKey('raw', key, { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['sign']), data);
    const ourKey = await nodeWebCrypto.subtle.importKey('raw', new Uint8Array(key).buffer, { name: 'HMAC' });
    expect(hex(await nodeWebCrypto.subtle.sign({ name: 'HMAC' }, ourKey, data.subarray(0)))).toBe(hex(theirs));
    expect(hex(await nodeWebCrypto.subtle.digest({ name: 'SHA-512' }, new Uint8Array(data).buffer))).toBe(hex(await subtle.digest('SHA-512', data)));
  });

  it('refuses what the library never asks for, rather than doing something else', async () => {
    const hmacKey = await nodeWebCrypto.subtle.importKey('raw', randomBytes(32), { name: 'HMAC' });
    await expect(nodeWebCrypto.subtle.encrypt({ name: 'AES-CBC', iv: randomBytes(16) }, hmacKey, randomBytes(16))).rejects.toThrow('HMAC key');
    await expect(nodeWebCrypto.subtle.digest('SHA-1', randomBytes(1))).rejects.toThrow('SHA-512');
    await expect(nodeWebCrypto.subtle.importKey('jwk', randomBytes(1), 'AES-CBC')).rejects.toThrow('raw');
  });
});
