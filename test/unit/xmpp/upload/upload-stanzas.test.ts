import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildSlotRequest, NS_UPLOAD, parseSlot, uploadServiceOf } from '../../../../electron/core/xmpp/upload/upload-stanzas.ts';

const slot = (...children: ReturnType<typeof xml>[]) => xml('iq', { type: 'result' }, xml('slot', { xmlns: NS_UPLOAD }, ...children));

describe('XEP-0363', () => {
  it('§3: finds the service and its limit in the disco#info form', () => {
    const info = { identities: [{ category: 'store', type: 'file' }], features: [NS_UPLOAD], forms: [{ formType: NS_UPLOAD, fields: [{ var: 'max-file-size', values: ['1048576'] }] }] };
    expect(uploadServiceOf('upload.example.org', info)).toEqual({ jid: 'upload.example.org', maxSize: 1048576 });
    expect(uploadServiceOf('upload.example.org', { ...info, forms: [] })).toEqual({ jid: 'upload.example.org' });
    expect(uploadServiceOf('example.org', { ...info, features: ['jabber:iq:version'] })).toBeUndefined();
  });

  it('§4: asks for a slot with the name, size and type', () => {
    const request = buildSlotRequest({ to: 'upload.example.org', filename: 'a b.png', size: 12, contentType: 'image/png' }).getChild('request', NS_UPLOAD);
    expect(request?.attrs).toEqual({ xmlns: NS_UPLOAD, filename: 'a b.png', size: '12', 'content-type': 'image/png' });
  });

  it('§4.1: keeps only the Authorization, Cookie and Expires headers, never one with a line break', () => {
    const parsed = parseSlot(
      slot(
        xml(
          'put',
          { url: 'https://up.example.org/a' },
          xml('header', { name: 'Authorization' }, 'Basic x'),
          xml('header', { name: 'Cookie' }, 'a=b\r\nEvil: 1'),
          xml('header', { name: 'Host' }, 'evil.example'),
          xml('header', { name: 'expires' }, 'soon'),
        ),
        xml('get', { url: 'https://up.example.org/a' }),
      ),
    );
    expect(parsed).toEqual({ put: 'https://up.example.org/a', get: 'https://up.example.org/a', headers: { Authorization: 'Basic x', expires: 'soon' } });
  });

  it('takes no slot without http(s) PUT and GET URLs', () => {
    expect(parseSlot(slot(xml('put', { url: 'file:///etc/passwd' }), xml('get', { url: 'https://up.example.org/a' })))).toBeUndefined();
    expect(parseSlot(slot(xml('put', { url: 'https://up.example.org/a' })))).toBeUndefined();
    expect(parseSlot(xml('iq', { type: 'result' }))).toBeUndefined();
  });
});
