import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import {
  buildDataPublish,
  buildDataRequest,
  buildMetadataPublish,
  buildPresenceUpdate,
  buildVcardSetWithPhoto,
  NS_AVATAR_DATA,
  NS_AVATAR_METADATA,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  NS_VCARD,
  parseDataResult,
  parseMetadataEvent,
  parsePresencePhoto,
  parseVcardPhoto,
} from '../../../../electron/core/xmpp/avatar/avatar-stanzas.ts';

const id = '111f4b3c50d7b0df729d299bc6f8e9ef9066971f';
const event = (...infos: Record<string, string>[]) =>
  xml(
    'message',
    { from: 'juliet@capulet.lit' },
    xml('event', { xmlns: NS_PUBSUB_EVENT }, xml('items', { node: NS_AVATAR_METADATA }, xml('item', { id }, xml('metadata', { xmlns: NS_AVATAR_METADATA }, ...infos.map((info) => xml('info', info)))))),
  );

describe('XEP-0084 stanzas', () => {
  it('reads the PNG info of a metadata event, ignoring ones hosted at a URL', () => {
    const parsed = parseMetadataEvent(
      event(
        { bytes: '9', id: 'e279f80c38f99c1e7e53e262b440993b2f7eea57', type: 'image/gif', url: 'http://example.com/a.gif' },
        { bytes: '12345', id: id.toUpperCase(), type: 'image/png', width: '64', height: '64' },
      ),
    );
    expect(parsed).toEqual({ hash: id, type: 'image/png' });
  });

  it('reads an empty metadata as “no avatar” and other messages as nothing', () => {
    expect(parseMetadataEvent(event())).toEqual({ hash: undefined });
    expect(parseMetadataEvent(xml('message', {}, xml('body', {}, 'hi')))).toBeUndefined();
  });

  it('asks for one data item by id and reads its payload', () => {
    const request = buildDataRequest('juliet@capulet.lit', id);
    expect(request.toString()).toBe(`<iq type="get" to="juliet@capulet.lit"><pubsub xmlns="${NS_PUBSUB}"><items node="${NS_AVATAR_DATA}"><item id="${id}"/></items></pubsub></iq>`);
    const result = xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_DATA }, xml('item', { id }, xml('data', { xmlns: NS_AVATAR_DATA }, 'qANQR1DBwU4DX7jmYZnncm')))));
    expect(parseDataResult(result, id)).toBe('qANQR1DBwU4DX7jmYZnncm');
    expect(parseDataResult(result, 'ffff')).toBeUndefined();
  });

  it('publishes data then metadata with an open access model when asked', () => {
    const data = buildDataPublish(id, 'AAAA', true);
    expect(data.getChild('pubsub', NS_PUBSUB)?.getChild('publish')?.attrs.node).toBe(NS_AVATAR_DATA);
    expect(data.toString()).toContain('<field var="pubsub#access_model"><value>open</value></field>');
    const metadata = buildMetadataPublish({ id, type: 'image/png', bytes: 3, width: 128, height: 128 }, false);
    expect(metadata.toString()).toBe(
      `<iq type="set"><pubsub xmlns="${NS_PUBSUB}"><publish node="${NS_AVATAR_METADATA}"><item id="${id}"><metadata xmlns="${NS_AVATAR_METADATA}"><info bytes="3" id="${id}" type="image/png" width="128" height="128"/></metadata></item></publish></pubsub></iq>`,
    );
  });
});

describe('XEP-0153 stanzas', () => {
  it('reads the presence hash: a hash, empty for none, undefined when not advertised', () => {
    expect(parsePresencePhoto(xml('presence', {}, buildPresenceUpdate(id)))).toBe(id);
    expect(parsePresencePhoto(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' }, xml('photo'))))).toBe('');
    expect(parsePresencePhoto(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' })))).toBeUndefined();
    expect(parsePresencePhoto(xml('presence'))).toBeUndefined();
  });

  it('reads a vCard PHOTO and replaces only the PHOTO of ours', () => {
    const vcard = xml('vCard', { xmlns: NS_VCARD }, xml('FN', {}, 'Juliet'), xml('PHOTO', {}, xml('TYPE', {}, 'image/jpeg'), xml('BINVAL', {}, ' AAAA\n')));
    expect(parseVcardPhoto(xml('iq', { type: 'result' }, vcard))).toEqual({ type: 'image/jpeg', base64: 'AAAA' });
    expect(parseVcardPhoto(xml('iq', { type: 'result' }, xml('vCard', { xmlns: NS_VCARD })))).toBeUndefined();
    const set = buildVcardSetWithPhoto(vcard, 'image/png', 'BBBB');
    expect(set.toString()).toBe(`<iq type="set"><vCard xmlns="${NS_VCARD}"><FN>Juliet</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>BBBB</BINVAL></PHOTO></vCard></iq>`);
  });
});
