// The verification codes other OMEMO clients put in QR codes: built for our device, and pasted ones matched to a contact's devices.
import { describe, expect, it } from 'vitest';
import { buildVerificationUri, matchVerificationCode, parseVerificationCode } from '../../../shared/model/omemo-uri.ts';
import { normaliseFingerprint } from '../../../shared/model/fingerprint.ts';

const hex = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const other = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
const shown = (key: string) => (key.match(/.{8}/g) ?? []).join(' ');

describe('OMEMO verification codes', () => {
  it('builds the URI Conversations, Dino and Gajim read: the fingerprint without spaces after omemo-sid-<id>', () => {
    expect(buildVerificationUri('alice@example.org', { deviceId: 1234, fingerprint: shown(hex) })).toBe(`xmpp:alice@example.org?omemo-sid-1234=${hex}`);
    expect(buildVerificationUri('a b@example.org', { deviceId: 1, fingerprint: hex })).toBe(`xmpp:a%20b@example.org?omemo-sid-1=${hex}`);
  });

  it('reads a URI back, with several devices separated by ; or &, an action first, and upper-case hex', () => {
    expect(parseVerificationCode(`  xmpp:Bob@Example.org?omemo-sid-7=${hex}\n`)).toEqual({ jid: 'bob@example.org', devices: [{ deviceId: 7, fingerprint: hex }] });
    expect(parseVerificationCode(`xmpp:bob@x?message;omemo-sid-7=${hex.toUpperCase()};omemo-sid-8=05${other}`)).toEqual({
      jid: 'bob@x',
      devices: [
        { deviceId: 7, fingerprint: hex },
        { deviceId: 8, fingerprint: other },
      ],
    });
    expect(parseVerificationCode(`xmpp:bob@x?omemo-sid-7=${hex}&omemo-sid-9=${other}`)?.devices).toHaveLength(2);
  });

  it('reads a fingerprint alone, as shown in groups or with colons, and refuses what is neither', () => {
    expect(parseVerificationCode(shown(hex))).toEqual({ devices: [{ deviceId: 0, fingerprint: hex }] });
    expect(parseVerificationCode((hex.match(/../g) ?? []).join(':'))?.devices[0]?.fingerprint).toBe(hex);
    expect(parseVerificationCode('xmpp:bob@x')).toBeUndefined();
    expect(parseVerificationCode(`xmpp:bob@x?omemo-sid-7=${hex.slice(2)}`)).toBeUndefined();
    expect(parseVerificationCode(`xmpp:bob@x?omemo-sid-0=${hex}`)).toBeUndefined();
    expect(parseVerificationCode('hello')).toBeUndefined();
    expect(normaliseFingerprint(`05${hex}`)).toBe(hex);
    expect(normaliseFingerprint(`06${hex}`)).toBeUndefined();
  });

  it('verifies the devices whose fingerprints the code gives, and says why when it cannot', () => {
    const devices = [
      { deviceId: 7, fingerprint: shown(hex) },
      { deviceId: 8, fingerprint: shown(other) },
      { deviceId: 9 },
    ];
    const parse = (text: string) => parseVerificationCode(text) ?? { devices: [] };
    expect(matchVerificationCode(parse(`xmpp:bob@x?omemo-sid-7=${hex}`), 'bob@x', devices)).toEqual({ ok: true, deviceIds: [7] });
    expect(matchVerificationCode(parse(shown(other)), 'bob@x', devices)).toEqual({ ok: true, deviceIds: [8] });
    expect(matchVerificationCode(parse(`xmpp:carol@x?omemo-sid-7=${hex}`), 'bob@x', devices)).toEqual({ ok: false, reason: 'other-account', jid: 'carol@x' });
    expect(matchVerificationCode(parse(`xmpp:bob@x?omemo-sid-7=${other}`), 'bob@x', devices)).toEqual({ ok: false, reason: 'mismatch', deviceId: 7 });
    expect(matchVerificationCode(parse('1'.repeat(64)), 'bob@x', devices)).toEqual({ ok: false, reason: 'no-match' });
    // A device id we do not know, with a key one of the known devices has: that device is the one verified.
    expect(matchVerificationCode(parse(`xmpp:bob@x?omemo-sid-55=${other}`), 'Bob@X', devices)).toEqual({ ok: true, deviceIds: [8] });
  });
});
