import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { capsVer, verificationString, verifyCaps } from '../../../../electron/core/xmpp/caps/caps-hash.ts';
import type { DiscoInfo } from '../../../../electron/core/model/disco-info.ts';
import { parseDiscoInfo } from '../../../../electron/core/xmpp/disco/disco-info.ts';

// XEP-0115 §5.2: the simple example.
const simple: DiscoInfo = {
  identities: [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
  features: ['http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc', 'http://jabber.org/protocol/caps'],
  forms: [],
};

// XEP-0115 §5.3: the complex example, as it arrives on the wire.
const complexQuery = xml(
  'query',
  { xmlns: 'http://jabber.org/protocol/disco#info' },
  xml('identity', { 'xml:lang': 'en', category: 'client', name: 'Psi 0.11', type: 'pc' }),
  xml('identity', { 'xml:lang': 'el', category: 'client', name: 'Ψ 0.11', type: 'pc' }),
  xml('feature', { var: 'http://jabber.org/protocol/caps' }),
  xml('feature', { var: 'http://jabber.org/protocol/disco#info' }),
  xml('feature', { var: 'http://jabber.org/protocol/disco#items' }),
  xml('feature', { var: 'http://jabber.org/protocol/muc' }),
  xml(
    'x',
    { xmlns: 'jabber:x:data', type: 'result' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'urn:xmpp:dataforms:softwareinfo')),
    xml('field', { var: 'ip_version' }, xml('value', {}, 'ipv4'), xml('value', {}, 'ipv6')),
    xml('field', { var: 'os' }, xml('value', {}, 'Mac')),
    xml('field', { var: 'os_version' }, xml('value', {}, '10.5.1')),
    xml('field', { var: 'software' }, xml('value', {}, 'Psi')),
    xml('field', { var: 'software_version' }, xml('value', {}, '0.11')),
  ),
);

describe('entity capabilities hash (XEP-0115 §5)', () => {
  it('computes the simple example of §5.2', () => {
    expect(verificationString(simple)).toBe(
      'client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<',
    );
    expect(capsVer(simple)).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('computes the complex example of §5.3, with languages and an extended form', () => {
    const info = parseDiscoInfo(complexQuery);
    if (info === 'ill-formed') throw new Error('parsed as ill-formed');
    expect(verificationString(info)).toBe(
      'client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<',
    );
    expect(capsVer(info)).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
    expect(verifyCaps(info, 'sha-1', 'q07IKJEyjvHSyhy//CH0CxmKi8w=')).toBe(true);
  });

  it('refuses an answer that does not match its ver, or that repeats a feature (§5.4)', () => {
    expect(verifyCaps(simple, 'sha-1', 'AAAAPKawpkPSDYmwT/WM94uAlu0=')).toBe(false);
    const repeated = { ...simple, features: [...simple.features, 'http://jabber.org/protocol/muc'] };
    expect(verifyCaps(repeated, 'sha-1', capsVer(repeated) ?? '')).toBe(false);
    expect(capsVer(simple, 'md5')).toBeUndefined();
  });

  it('treats a form whose FORM_TYPE has differing values as ill-formed, and leaves out one without a hidden FORM_TYPE', () => {
    const form = (type: string | undefined, ...values: string[]) =>
      xml('query', {}, xml('x', { xmlns: 'jabber:x:data', type: 'result' }, xml('field', { var: 'FORM_TYPE', type }, ...values.map((value) => xml('value', {}, value)))));
    expect(parseDiscoInfo(form('hidden', 'a', 'b'))).toBe('ill-formed');
    expect(parseDiscoInfo(form(undefined, 'a'))).toEqual({ identities: [], features: [], forms: [] });
  });
});
