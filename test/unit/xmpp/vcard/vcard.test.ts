import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseVcard } from '../../../../electron/core/xmpp/vcard/vcard.ts';
import { parseVersion } from '../../../../electron/core/xmpp/vcard/version.ts';

describe('vCard-temp mapping (XEP-0054)', () => {
  it('maps the shown fields, trimmed, with the address joined', () => {
    const vcard = xml(
      'vCard',
      { xmlns: 'vcard-temp' },
      xml('FN', {}, '  Juliet Capulet '),
      xml('NICKNAME', {}, 'Jul'),
      xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, '')),
      xml('EMAIL', {}, xml('USERID', {}, 'juliet@example.com')),
      xml('TEL', {}, xml('HOME'), xml('NUMBER', {}, '+39 045 000')),
      xml('ORG', {}, xml('ORGNAME', {}, 'Capulet')),
      xml('ROLE', {}, 'Heiress'),
      xml('URL', {}, 'https://example.com'),
      xml('BDAY', {}, '1583-07-31'),
      xml('ADR', {}, xml('STREET', {}, 'Via Cappello 23'), xml('LOCALITY', {}, 'Verona'), xml('CTRY', {}, 'Italy')),
      xml('DESC', {}, 'Wherefore art thou?'),
    );
    expect(parseVcard(vcard)).toEqual({
      fullName: 'Juliet Capulet',
      nickname: 'Jul',
      email: 'juliet@example.com',
      phone: '+39 045 000',
      organization: 'Capulet',
      role: 'Heiress',
      url: 'https://example.com',
      birthday: '1583-07-31',
      address: 'Via Cappello 23, Verona, Italy',
      note: 'Wherefore art thou?',
    });
  });

  it('gives no vCard when nothing has text, and caps long text', () => {
    expect(parseVcard(xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, '   ')))).toBeUndefined();
    const long = parseVcard(xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'x'.repeat(10_000)), xml('DESC', {}, 'y\u0007'.repeat(5_000))));
    expect(long?.fullName?.length).toBeLessThanOrEqual(500);
    expect(long?.note?.length).toBeLessThanOrEqual(2_000);
    expect(long?.note).not.toContain('\u0007');
  });

  it('reads an XEP-0092 answer, which needs a name', () => {
    const query = (children: Record<string, string>) => xml('query', { xmlns: 'jabber:iq:version' }, ...Object.entries(children).map(([name, text]) => xml(name, {}, text)));
    expect(parseVersion(query({ name: 'Gajim', version: '1.9', os: 'Linux' }))).toEqual({ name: 'Gajim', version: '1.9', os: 'Linux' });
    expect(parseVersion(query({ version: '1.9' }))).toBeUndefined();
  });
});
