// XEP-0391 Jingle Encrypted Transports: the <security/> element read and written, and the stream cipher (AES-GCM with its
// tag after the last byte) in whatever chunks the transport cuts the bytes into.
import { createCipheriv, randomBytes } from 'node:crypto';
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildSecurity, cipherOf, NS_JET, parseSecurity, type TransportSecret } from '../../../electron/core/jingle/jet/jet-stanzas.ts';
import { decryptingStream, encryptingStream, TAG_LENGTH } from '../../../electron/core/jingle/jet/stream-cipher.ts';

const secret = (cipher: TransportSecret['cipher'] = 'aes-128-gcm'): TransportSecret => ({ cipher, key: randomBytes(cipher === 'aes-128-gcm' ? 16 : 32), iv: randomBytes(12) });

/** Cuts `bytes` at random places, some pieces shorter than the tag. */
function pieces(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const length = [1, 3, 15, 16, 17, 4096, 70_000][out.length % 7] ?? 1;
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}

describe('the JET <security/> element', () => {
  it('is written with the cipher of §5 and the envelope, and read back', () => {
    const envelope = xml('encrypted', { xmlns: 'eu.siacs.conversations.axolotl' }, xml('header', { sid: '7' }));
    const element = buildSecurity({ name: 'file', cipher: 'aes-128-gcm', type: 'eu.siacs.conversations.axolotl', envelope });
    expect(element.attrs).toEqual({ xmlns: NS_JET, name: 'file', cipher: 'urn:xmpp:ciphers:aes-128-gcm-nopadding:0', type: 'eu.siacs.conversations.axolotl' });
    expect(parseSecurity(element)).toEqual({ name: 'file', cipher: 'aes-128-gcm', type: 'eu.siacs.conversations.axolotl', envelope });
  });

  it('reads the ciphers as the XEP’s examples and Libervia write them (without :0), and nothing else', () => {
    expect(cipherOf('urn:xmpp:ciphers:aes-128-gcm-nopadding')).toBe('aes-128-gcm');
    expect(cipherOf('urn:xmpp:ciphers:aes-256-gcm-nopadding:0')).toBe('aes-256-gcm');
    expect(cipherOf('urn:xmpp:ciphers:chacha20')).toBeUndefined();
    expect(parseSecurity(xml('security', { xmlns: NS_JET, name: 'a', cipher: 'x', type: 'urn:other' }))).toEqual({ name: 'a', cipher: undefined, type: 'urn:other', envelope: undefined });
    expect(parseSecurity(xml('security', { xmlns: 'urn:xmpp:jingle:jet:1' }))).toBeUndefined();
  });
});

describe('the encrypted stream', () => {
  it.each(['aes-128-gcm', 'aes-256-gcm'] as const)('%s: the receiver gets the file back whatever the chunks; the wire holds ciphertext then the tag', (cipher) => {
    const key = secret(cipher);
    const file = randomBytes(200_000);
    const seal = encryptingStream(key);
    const wire = Buffer.concat([...pieces(file).map((piece) => seal.update(piece)), seal.final()]);
    expect(wire.length).toBe(file.length + TAG_LENGTH);
    expect(wire.subarray(0, file.length).equals(file)).toBe(false);
    // The layout of a one-shot AES-GCM: ciphertext || tag.
    const whole = createCipheriv(cipher, key.key, key.iv);
    expect(wire.equals(Buffer.concat([whole.update(file), whole.final(), whole.getAuthTag()]))).toBe(true);
    const open = decryptingStream(key);
    const back = Buffer.concat([...pieces(wire).map((piece) => open.update(piece)), open.final()]);
    expect(back.equals(file)).toBe(true);
  });

  it('refuses a stream altered on the way, cut short, or opened with another key', () => {
    const key = secret();
    const seal = encryptingStream(key);
    const wire = Buffer.concat([seal.update(randomBytes(5_000)), seal.final()]);
    const altered = Buffer.from(wire);
    altered[100] = (altered[100] ?? 0) ^ 1;
    const tampered = decryptingStream(key);
    tampered.update(altered);
    expect(() => tampered.final()).toThrow();
    const short = decryptingStream(key);
    short.update(wire.subarray(0, 10));
    expect(() => short.final()).toThrow();
    const other = decryptingStream(secret());
    other.update(wire);
    expect(() => other.final()).toThrow();
  });

  it('encrypts an empty file to its tag alone', () => {
    const key = secret();
    const tag = encryptingStream(key).final();
    expect(tag.length).toBe(TAG_LENGTH);
    const open = decryptingStream(key);
    expect(open.update(tag).length).toBe(0);
    expect(open.final().length).toBe(0);
  });
});
