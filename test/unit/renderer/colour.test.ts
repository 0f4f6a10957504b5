import { describe, expect, it } from 'vitest';
import { consistentColour, cssColour, hueAngle, initialOf, textColourOn } from '../../../renderer/features/contacts/colour.ts';
import { sha1 } from '../../../renderer/features/contacts/sha1.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('SHA-1 (RFC 3174 §7.3 test vectors)', () => {
  it('hashes one block, two blocks and a million bytes', () => {
    expect(hex(sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(sha1(utf8('a'.repeat(1_000_000))))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
    expect(hex(sha1(new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
});

describe('XEP-0392 consistent colours (§7 test vectors, no colour-vision correction)', () => {
  const vectors: readonly (readonly [string, number, readonly [number, number, number]])[] = [
    ['Romeo', 327.255249, [0.865, 0.0, 0.686]],
    ['juliet@capulet.lit', 209.4104, [0.0, 0.515, 0.573]],
    ['😺', 331.199341, [0.872, 0.0, 0.659]],
    ['council', 359.994507, [0.918, 0.0, 0.394]],
    ['Board', 171.430664, [0.0, 0.527, 0.457]],
  ];

  it.each(vectors)('%s has the angle and RGB the XEP gives', (text, angle, rgb) => {
    expect(hueAngle(text)).toBeCloseTo(angle, 5);
    const colour = consistentColour(text);
    colour.forEach((channel, index) => expect(channel).toBeCloseTo(rgb[index] ?? -1, 3));
  });

  it('writes the colour for CSS and picks the more readable text colour', () => {
    expect(cssColour([1, 0, 0.5])).toBe('rgb(255 0 128)');
    expect(textColourOn([0.1, 0.1, 0.1])).toBe('white');
    expect(textColourOn([0.95, 0.95, 0.5])).toBe('black');
  });

  it('takes the first character of the name, a whole emoji included', () => {
    expect(initialOf('bob@example.org')).toBe('B');
    expect(initialOf(' émile')).toBe('É');
    expect(initialOf('😺 cat')).toBe('😺');
    expect(initialOf('')).toBe('?');
  });
});
