import { describe, expect, it } from 'vitest';
import { saslPrep } from '../../../electron/core/xmpp/sasl/saslprep.ts';
import { thrownCausetteError } from '../../support/thrown.ts';

describe('SASLprep: the examples of RFC 4013 §3', () => {
  it.each([
    ['I\u00ADX', 'IX', 'SOFT HYPHEN mapped to nothing'],
    ['user', 'user', 'no transformation'],
    ['USER', 'USER', 'case preserved, will not match #2'],
    ['\u00AA', 'a', 'output is NFKC, input in ISO 8859-1'],
    ['\u2168', 'IX', 'output is NFKC, will match #1'],
  ])('%j becomes %j (%s)', (input, output) => {
    expect(saslPrep(input)).toBe(output);
  });

  it('refuses U+0007, a prohibited character', () => {
    const error = thrownCausetteError(() => saslPrep('\u0007'));
    expect(error.code).toBe('invalid-credentials');
    expect(error.message).toBe(
      'The password cannot be used to sign in: it contains U+0007, which is not allowed (RFC 3454 C.2.1 ASCII control). Type it again without that character, or change it on the server.',
    );
  });

  it('refuses U+0627 U+0031, which fails the bidirectional check', () => {
    expect(thrownCausetteError(() => saslPrep('\u0627\u0031', 'query', 'username')).message).toMatch(
      /^The username cannot be used to sign in: it has right-to-left characters but does not start and end with one\./,
    );
  });
});

describe('SASLprep mapping (RFC 4013 §2.1)', () => {
  it('maps non-ASCII spaces to SPACE, and ZERO WIDTH SPACE to nothing', () => {
    expect(saslPrep('a\u00A0b\u3000c')).toBe('a b c');
    expect(saslPrep('a\u200Bb')).toBe('ab');
  });

  it('drops variation selectors, then normalises compatibility characters (§2.2)', () => {
    expect(saslPrep('a\u2024b\uFE0F')).toBe('a.b');
  });
});

describe('SASLprep prohibited output (RFC 4013 §2.3)', () => {
  it.each([
    ['\u0085', 'C.2.2 non-ASCII control'],
    ['\uE000', 'C.3 private use'],
    ['\uFDD0', 'C.4 non-character'],
    ['\uD800', 'C.5 surrogate'],
    ['\uFFFD', 'C.6 inappropriate for plain text'],
    ['\u2FF0', 'C.7 inappropriate for canonical representation'],
    ['\u200E', 'C.8 change display properties or deprecated'],
    ['\u{E0041}', 'C.9 tagging character'],
  ])('refuses %j (%s)', (character, table) => {
    expect(thrownCausetteError(() => saslPrep(`pass${character}word`)).message).toContain(`(RFC 3454 ${table})`);
  });
});

describe('SASLprep bidirectional checks (RFC 4013 §2.4, RFC 3454 §6)', () => {
  it('accepts right-to-left text that starts and ends right-to-left, with neutral characters inside', () => {
    expect(saslPrep('\u0627\u0031\u0628')).toBe('\u0627\u0031\u0628');
    expect(saslPrep('\u05D0 \u05D1')).toBe('\u05D0 \u05D1');
  });

  it('refuses right-to-left mixed with left-to-right', () => {
    expect(thrownCausetteError(() => saslPrep('\u0627a\u0628')).message).toMatch(/mixes right-to-left characters with the left-to-right U\+0061/);
  });
});

describe('SASLprep unassigned code points (RFC 4013 §2.5)', () => {
  it('allows them in a query, refuses them in a stored string', () => {
    // U+0221 was assigned in Unicode 4.0: unassigned for SASLprep, which is bound to Unicode 3.2.
    expect(saslPrep('\u0221')).toBe('\u0221');
    expect(thrownCausetteError(() => saslPrep('\u0221', 'stored')).message).toMatch(/U\+0221, a character too recent for SASLprep/);
    expect(thrownCausetteError(() => saslPrep('smile\u{1F600}', 'stored')).code).toBe('invalid-credentials');
    expect(saslPrep('smile\u{1F600}', 'query')).toBe('smile\u{1F600}');
  });
});
