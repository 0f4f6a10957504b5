import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildBundle, buildBundlePublish, buildBundleRequest, parseBundle, type Bundle } from '../../../electron/core/omemo/axolotl-bundle.ts';
import { buildDeviceListPublish, buildDeviceListRequest, parseDeviceList, withOwnDevice } from '../../../electron/core/omemo/axolotl-device-list.ts';
import { buildEncrypted, parseEncrypted } from '../../../electron/core/omemo/axolotl-encrypted.ts';
import { NS_AXOLOTL, NS_PUBSUB, NS_PUBSUB_EVENT, decodeBase64 } from '../../../electron/core/omemo/axolotl-pubsub.ts';

const NODE_LIST = 'eu.siacs.conversations.axolotl.devicelist';
const bytes = (...values: number[]) => new Uint8Array(values);

/** An items result for `node` holding `payload`, as the server answers a fetch. */
const itemsResult = (node: string, payload: Element) =>
  xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, xml('item', { id: 'current' }, payload))));

/** A PEP notification for `node` holding `payload` (XEP-0163 §4.3). */
const notification = (node: string, payload: Element) =>
  xml('message', { from: 'bob@example.com' }, xml('event', { xmlns: NS_PUBSUB_EVENT }, xml('items', { node }, xml('item', { id: 'current' }, payload))));

function publishedItem(iq: Element) {
  const pubsub = iq.getChild('pubsub', NS_PUBSUB)!;
  const fields = pubsub.getChild('publish-options')!.getChild('x', 'jabber:x:data')!.getChildren('field');
  return {
    node: pubsub.getChild('publish')?.attrs.node,
    item: pubsub.getChild('publish')?.getChild('item'),
    options: Object.fromEntries(fields.map((field) => [field.attrs.var, field.getChildText('value')])) as Record<string, string | null>,
  };
}

describe('the OMEMO 0.3 device list', () => {
  it('is read from a fetch and from a notification, without repeats or invalid ids', () => {
    const list = xml('list', { xmlns: NS_AXOLOTL }, ...['12345', '4223', '12345', '0', '-3', 'abc', '2147483648', '2147483647'].map((id) => xml('device', { id })));
    expect(parseDeviceList(itemsResult(NODE_LIST, list))).toEqual([12345, 4223, 2147483647]);
    expect(parseDeviceList(notification(NODE_LIST, list))).toEqual([12345, 4223, 2147483647]);
    expect(parseDeviceList(itemsResult('urn:xmpp:avatar:metadata', list))).toBeUndefined();
    expect(parseDeviceList(itemsResult(NODE_LIST, xml('list', { xmlns: 'urn:xmpp:omemo:2' })))).toBeUndefined();
    expect(parseDeviceList(itemsResult(NODE_LIST, xml('list', { xmlns: NS_AXOLOTL })))).toEqual([]);
  });

  it('gains our device without losing the other devices’ ids', () => {
    expect(withOwnDevice([4223, 12345], 777)).toEqual([4223, 12345, 777]);
    expect(withOwnDevice([4223, 777, 12345], 777)).toEqual([4223, 777, 12345]);
    expect(withOwnDevice([], 777)).toEqual([777]);
  });

  it('is published as the item "current", open to anyone, and read back the same', () => {
    const iq = buildDeviceListPublish([4223, 777]);
    const { node, item, options } = publishedItem(iq);
    expect(iq.attrs.type).toBe('set');
    expect(node).toBe(NODE_LIST);
    expect(item?.attrs.id).toBe('current');
    expect(options).toEqual({ FORM_TYPE: 'http://jabber.org/protocol/pubsub#publish-options', 'pubsub#access_model': 'open' });
    expect(parseDeviceList(itemsResult(NODE_LIST, item!.getChild('list', NS_AXOLOTL)!))).toEqual([4223, 777]);
  });

  it('is fetched from a contact, or from our own account without a to', () => {
    const request = buildDeviceListRequest('bob@example.com');
    expect(request.attrs).toEqual({ type: 'get', to: 'bob@example.com' });
    expect(request.getChild('pubsub', NS_PUBSUB)?.getChild('items')?.attrs).toEqual({ node: NODE_LIST, max_items: '1' });
    expect(buildDeviceListRequest(undefined).attrs.to).toBeUndefined();
  });
});

describe('the OMEMO 0.3 bundle', () => {
  const bundle: Bundle = {
    signedPreKey: { id: 3, publicKey: bytes(5, 1, 2, 3) },
    signedPreKeySignature: bytes(9, 9, 9),
    identityKey: bytes(5, 7, 7),
    preKeys: [
      { id: 1, publicKey: bytes(5, 10) },
      { id: 2, publicKey: bytes(5, 20) },
    ],
  };

  it('is written as XEP-0384 v0.3.0 §4.3 shows it', () => {
    const element = buildBundle(bundle);
    expect(element.toString()).toBe(
      `<bundle xmlns="${NS_AXOLOTL}"><signedPreKeyPublic signedPreKeyId="3">BQECAw==</signedPreKeyPublic><signedPreKeySignature>CQkJ</signedPreKeySignature>` +
        '<identityKey>BQcH</identityKey><prekeys><preKeyPublic preKeyId="1">BQo=</preKeyPublic><preKeyPublic preKeyId="2">BRQ=</preKeyPublic></prekeys></bundle>',
    );
  });

  it('is published under its device’s node, open to anyone, and read back the same', () => {
    const { node, item, options } = publishedItem(buildBundlePublish(31415, bundle));
    expect(node).toBe('eu.siacs.conversations.axolotl.bundles:31415');
    expect(options['pubsub#access_model']).toBe('open');
    expect(parseBundle(itemsResult(node!, item!.getChild('bundle', NS_AXOLOTL)!), 31415)).toEqual(bundle);
    expect(parseBundle(itemsResult(node!, item!.getChild('bundle', NS_AXOLOTL)!), 31416)).toBeUndefined();
    expect(buildBundleRequest('bob@example.com', 31415).getChild('pubsub', NS_PUBSUB)?.getChild('items')?.attrs.node).toBe(node);
  });

  it('is read from another client’s bundle with wrapped base64, skipping unreadable prekeys', () => {
    const theirs = xml(
      'bundle',
      { xmlns: NS_AXOLOTL },
      xml('signedPreKeyPublic', { signedPreKeyId: '1' }, '\n  BQEC\n  Aw==\n'),
      xml('signedPreKeySignature', {}, 'CQkJ'),
      xml('identityKey', {}, 'BQcH'),
      xml('prekeys', {}, xml('preKeyPublic', { preKeyId: '5' }, 'BQo='), xml('preKeyPublic', { preKeyId: 'x' }, 'BQo='), xml('preKeyPublic', { preKeyId: '6' }, '***')),
    );
    expect(parseBundle(notification('eu.siacs.conversations.axolotl.bundles:9', theirs), 9)).toEqual({
      signedPreKey: { id: 1, publicKey: bytes(5, 1, 2, 3) },
      signedPreKeySignature: bytes(9, 9, 9),
      identityKey: bytes(5, 7, 7),
      preKeys: [{ id: 5, publicKey: bytes(5, 10) }],
    });
  });

  it('is refused without its signed prekey, signature or identity key', () => {
    const node = 'eu.siacs.conversations.axolotl.bundles:9';
    for (const missing of ['signedPreKeyPublic', 'signedPreKeySignature', 'identityKey']) {
      const element = buildBundle(bundle);
      element.children = element.children.filter((child) => typeof child === 'string' || child.name !== missing);
      expect(parseBundle(itemsResult(node, element), 9)).toBeUndefined();
    }
  });
});

describe('the OMEMO 0.3 <encrypted> element', () => {
  const encrypted = {
    sid: 27183,
    keys: [
      { rid: 31415, prekey: false, data: bytes(1, 2, 3) },
      { rid: 12321, prekey: true, data: bytes(4, 5, 6) },
    ],
    iv: bytes(...Array.from({ length: 12 }, (_, i) => i)),
    payload: bytes(200, 201),
  };

  it('is written as XEP-0384 v0.3.0 §4.5 shows it, and read back the same', () => {
    const element = buildEncrypted(encrypted);
    expect(element.toString()).toBe(
      `<encrypted xmlns="${NS_AXOLOTL}"><header sid="27183"><key rid="31415">AQID</key><key rid="12321" prekey="true">BAUG</key>` +
        '<iv>AAECAwQFBgcICQoL</iv></header><payload>yMk=</payload></encrypted>',
    );
    expect(parseEncrypted(xml('message', {}, element))).toEqual(encrypted);
  });

  it('carries no payload in a key transport message', () => {
    const transport = { sid: 1, keys: [{ rid: 2, prekey: true, data: bytes(7) }], iv: encrypted.iv };
    const element = buildEncrypted(transport);
    expect(element.getChild('payload')).toBeUndefined();
    expect(parseEncrypted(xml('message', {}, element))).toEqual(transport);
  });

  it('reads prekey="1" and leaves out keys it cannot read', () => {
    const message = xml(
      'message',
      {},
      xml(
        'encrypted',
        { xmlns: NS_AXOLOTL },
        xml('header', { sid: '5' }, xml('key', { rid: '6', prekey: '1' }, 'AQ=='), xml('key', { rid: 'nope' }, 'AQ=='), xml('key', { rid: '7' }, '%%'), xml('iv', {}, 'AAAA')),
        xml('payload', {}, 'AQID'),
      ),
    );
    expect(parseEncrypted(message)).toEqual({ sid: 5, keys: [{ rid: 6, prekey: true, data: bytes(1) }], iv: bytes(0, 0, 0), payload: bytes(1, 2, 3) });
  });

  it('is refused without a sender device or an IV, or with an unreadable payload', () => {
    const header = (attrs: Record<string, string>, ...children: Element[]) => xml('message', {}, xml('encrypted', { xmlns: NS_AXOLOTL }, xml('header', attrs, ...children)));
    expect(parseEncrypted(header({}, xml('iv', {}, 'AAAA')))).toBeUndefined();
    expect(parseEncrypted(header({ sid: '5' }))).toBeUndefined();
    const badPayload = buildEncrypted(encrypted);
    badPayload.getChild('payload')!.children = ['not base64!'];
    expect(parseEncrypted(xml('message', {}, badPayload))).toBeUndefined();
    expect(parseEncrypted(xml('message', {}, xml('body', {}, 'hi')))).toBeUndefined();
  });

  it('reads only real base64', () => {
    expect(decodeBase64(' AQ\nID ')).toEqual(bytes(1, 2, 3));
    for (const bad of ['', 'AQI', 'AQ=D', 'A*==', undefined, null]) expect(decodeBase64(bad)).toBeUndefined();
  });
});
