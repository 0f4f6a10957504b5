import { describe, expect, it } from 'vitest';
import { bareJid, formatJid, isNormalBareJid, parseJid } from '../../shared/model/jid.ts';

function parsed(text: string) {
  const result = parseJid(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.jid;
}

function refused(text: string): string {
  const result = parseJid(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.message;
}

describe('parseJid', () => {
  it('splits local@domain/resource', () => {
    expect(parsed('alice@example.org/phone')).toEqual({ local: 'alice', domain: 'example.org', resource: 'phone' });
    expect(parsed('example.org')).toEqual({ domain: 'example.org' });
    expect(parsed('example.org/service')).toEqual({ domain: 'example.org', resource: 'service' });
  });

  it('keeps @ and / inside the resource (RFC 7622 §3.1)', () => {
    expect(parsed('room@conference.example.org/nick@home/x')).toEqual({ local: 'room', domain: 'conference.example.org', resource: 'nick@home/x' });
  });

  it('lowercases the domain and strips one trailing dot', () => {
    expect(parsed('alice@Example.ORG.')).toEqual({ local: 'alice', domain: 'example.org' });
  });

  it('case-folds the localpart but keeps the resource as typed', () => {
    expect(parsed('Alice@example.org/Phone')).toEqual({ local: 'alice', domain: 'example.org', resource: 'Phone' });
  });

  it('accepts IP literals: IPv4, and IPv6 in brackets', () => {
    expect(parsed('alice@127.0.0.1').domain).toBe('127.0.0.1');
    expect(parsed('alice@[::1]').domain).toBe('[::1]');
    expect(parsed('alice@[2001:DB8::1]/r').domain).toBe('[2001:db8::1]');
    expect(parsed('alice@[::ffff:192.0.2.1]').domain).toBe('[::ffff:192.0.2.1]');
    expect(parsed('alice@[1:2:3:4:5:6:7:8]').domain).toBe('[1:2:3:4:5:6:7:8]');
  });

  it('refuses malformed IPv6 literals', () => {
    for (const text of ['a@[::1', 'a@[1::2::3]', 'a@[12345::]', 'a@[1:2:3:4:5:6:7:8:9]', 'a@[1:2:3]', 'a@[::1.2.3.999]', 'a@[]']) {
      expect(parseJid(text).ok, text).toBe(false);
    }
  });

  it.each(['"', '&', "'", ':', '<', '>', ' '])('refuses %j in the localpart', (character) => {
    expect(refused(`al${character}ice@example.org`)).toMatch(/cannot contain/);
  });

  it('refuses empty parts', () => {
    expect(refused('@example.org')).toMatch(/empty/);
    expect(refused('alice@')).toMatch(/empty/);
    expect(refused('alice@example.org/')).toMatch(/resource/);
    expect(refused('alice@example..org')).toMatch(/empty part/);
    expect(refused('')).toMatch(/empty/);
  });

  it('refuses server names that are not host names', () => {
    expect(parseJid('alice@exa mple.org').ok).toBe(false);
    expect(parseJid('alice@-example.org').ok).toBe(false);
    expect(parseJid('alice@example_.org').ok).toBe(false);
  });

  it('accepts internationalised names', () => {
    expect(parsed('jürgen@bücher.example')).toEqual({ local: 'jürgen', domain: 'bücher.example' });
  });

  it('limits each part to 1023 bytes of UTF-8', () => {
    expect(parseJid(`${'a'.repeat(1023)}@example.org`).ok).toBe(true);
    expect(refused(`${'a'.repeat(1024)}@example.org`)).toMatch(/1023 bytes/);
    // 342 × 3 bytes = 1026 bytes although only 342 characters.
    expect(refused(`${'€'.repeat(342)}@example.org`)).toMatch(/1023 bytes/);
    expect(refused(`a@example.org/${'r'.repeat(1024)}`)).toMatch(/1023 bytes/);
  });

  it('refuses control characters in the resource', () => {
    expect(refused('a@example.org/x\u0007y')).toMatch(/control/);
  });

  it('gives an already-normal ASCII address back unchanged, and still checks the ones that look almost so', () => {
    expect(parsed('c1.x_y+z-w@contacts.example-1.org/Phone 2 @home/x')).toEqual({ local: 'c1.x_y+z-w', domain: 'contacts.example-1.org', resource: 'Phone 2 @home/x' });
    expect(parsed('example.org')).toEqual({ domain: 'example.org' });
    expect(parsed('Bob@Example.org.')).toEqual({ local: 'bob', domain: 'example.org' });
    expect(refused('a@-bad.example')).toMatch(/not a valid part/);
    expect(refused('a@example..org')).toMatch(/empty part/);
    expect(refused('a@example.org/')).toMatch(/empty/);
  });
});

describe('bareJid and formatJid', () => {
  it('round-trips and drops the resource', () => {
    const jid = parsed('alice@example.org/phone');
    expect(formatJid(jid)).toBe('alice@example.org/phone');
    expect(formatJid(bareJid(jid))).toBe('alice@example.org');
    expect(formatJid(bareJid(parsed('example.org/x')))).toBe('example.org');
  });

  it('knows a bare JID already in its normal form, exactly when parsing and formatting would give it back unchanged', () => {
    const samples = ['alice@example.org', 'example.org', 'c42@contacts.localhost', 'a.b+c_d-e@x-y.example', 'Alice@example.org', 'alice@Example.org', ' alice@example.org', 'alice@example.org/phone', 'alice@example.org.', 'élodie@example.org', 'alice@exa_mple.org', '@example.org', 'alice@', ''];
    expect(samples.filter(isNormalBareJid)).toEqual(['alice@example.org', 'example.org', 'c42@contacts.localhost', 'a.b+c_d-e@x-y.example']);
    for (const text of samples.filter(isNormalBareJid)) {
      const result = parseJid(text);
      expect(result.ok && result.jid.resource === undefined && formatJid(result.jid)).toBe(text);
    }
  });
});
