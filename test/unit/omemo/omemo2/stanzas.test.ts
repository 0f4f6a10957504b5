// OMEMO 2 stanzas (XEP-0384 v0.8 §4.4, §5.3) and the SCE envelope (XEP-0420), built and read back, and read as other
// clients write them (prefixed namespaces, as python's ElementTree does).
import xml from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildBundlePublish, buildBundleRequest, parseBundle, readBundle } from '../../../../electron/core/omemo/omemo2/bundle.ts';
import { buildDevicesPublish, buildDevicesRequest, parseDevices } from '../../../../electron/core/omemo/omemo2/device-list.ts';
import { buildEncrypted, parseEncrypted } from '../../../../electron/core/omemo/omemo2/encrypted.ts';
import { Omemo2Error } from '../../../../electron/core/omemo/omemo2/errors.ts';
import { buildEnvelope, envelopeBody, parseEnvelope } from '../../../../electron/core/omemo/omemo2/sce-envelope.ts';

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bundle = { identityKey: key(1), signedPreKey: { id: 7, publicKey: key(2) }, signedPreKeySignature: new Uint8Array(64).fill(3), preKeys: [{ id: 1, publicKey: key(4) }, { id: 2, publicKey: key(5) }] };

/** A publish request turned into the items result a server would give for it. */
function asResult(publish: ReturnType<typeof buildDevicesPublish>) {
  const request = publish.getChild('pubsub')?.getChild('publish');
  return xml('iq', { type: 'result' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: request?.attrs.node }, ...(request?.getChildren('item') ?? []))));
}

describe('OMEMO 2 stanzas', () => {
  it('device list: published in item "current" with open access, read back with labels, without repeats or bad ids', () => {
    const publish = buildDevicesPublish([{ id: 42, label: 'Laptop' }, { id: 7 }]);
    expect(publish.getChild('pubsub')?.getChild('publish')?.attrs.node).toBe('urn:xmpp:omemo:2:devices');
    expect(publish.getChild('pubsub')?.getChild('publish')?.getChild('item')?.attrs.id).toBe('current');
    expect(publish.toString()).toContain('pubsub#access_model');
    expect(parseDevices(asResult(publish))).toEqual([{ id: 42, label: 'Laptop' }, { id: 7 }]);
    const odd = parse(
      "<iq type='result'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:omemo:2:devices'><item id='current'><ns0:devices xmlns:ns0='urn:xmpp:omemo:2'><ns0:device id='5'/><ns0:device id='5'/><ns0:device id='0'/><ns0:device id='x'/></ns0:devices></item></items></pubsub></iq>",
    );
    expect(parseDevices(odd)).toEqual([{ id: 5 }]);
    expect(buildDevicesRequest('bob@example.org').toString()).toContain("node=\"urn:xmpp:omemo:2:devices\"");
  });

  it('bundle: one item per device id in the bundles node, kept (max_items) and open; read back, also prefixed', () => {
    const publish = buildBundlePublish(31337, bundle);
    const item = publish.getChild('pubsub')?.getChild('publish')?.getChild('item');
    expect(publish.getChild('pubsub')?.getChild('publish')?.attrs.node).toBe('urn:xmpp:omemo:2:bundles');
    expect(item?.attrs.id).toBe('31337');
    expect(publish.toString()).toContain('pubsub#max_items');
    expect(parseBundle(asResult(publish), 31337)).toEqual(bundle);
    expect(parseBundle(asResult(publish), 31338)).toBeUndefined();
    const prefixed = parse(
      `<ns0:bundle xmlns:ns0="urn:xmpp:omemo:2"><ns0:spk id="7">${b64(key(2))}</ns0:spk><ns0:spks>${b64(new Uint8Array(64).fill(3))}</ns0:spks><ns0:ik>${b64(key(1))}</ns0:ik><ns0:prekeys><ns0:pk id="1">${b64(key(4))}</ns0:pk><ns0:pk id="2">${b64(key(5))}</ns0:pk><ns0:pk id="3">short</ns0:pk></ns0:prekeys></ns0:bundle>`,
    );
    expect(readBundle(prefixed)).toEqual(bundle);
    expect(readBundle(parse(`<bundle xmlns="urn:xmpp:omemo:2"><spk id="7">${b64(key(2))}</spk></bundle>`))).toBeUndefined();
    expect(buildBundleRequest('bob@example.org', 31337).getChild('pubsub')?.getChild('items')?.getChild('item')?.attrs.id).toBe('31337');
  });

  it('encrypted: keys grouped by recipient JID, kex only when true, payload absent for an empty message', () => {
    const keys = new Map([
      ['bob@example.org', [{ rid: 1, kex: true, data: key(8) }, { rid: 2, kex: false, data: key(9) }]],
      ['alice@example.org', [{ rid: 3, kex: false, data: key(10) }]],
    ]);
    const element = buildEncrypted({ sid: 99, keys, payload: key(11) });
    expect(element.toString()).not.toContain('kex="false"');
    expect(parseEncrypted(xml('message', {}, element))).toEqual({ sid: 99, keys, payload: key(11) });
    expect(parseEncrypted(xml('message', {}, buildEncrypted({ sid: 99, keys })))).toEqual({ sid: 99, keys });
    expect(parseEncrypted(xml('message', {}, xml('encrypted', { xmlns: 'urn:xmpp:omemo:2' }, xml('header', { sid: 'zero' }))))).toBeUndefined();
  });

  it('SCE envelope: content, padding and sender; refused when it names another sender', () => {
    const plaintext = buildEnvelope({ content: [envelopeBody('Hi <there> & all')], from: 'alice@example.org', to: 'bob@example.org' });
    const text = Buffer.from(plaintext).toString();
    expect(text).toMatch(/<rpad>[A-Za-z0-9+/]{1,200}<\/rpad>/);
    const read = parseEnvelope(plaintext, 'Alice@Example.org');
    expect(read.content.map((e) => e.toString())).toEqual(['<body xmlns="jabber:client">Hi &lt;there&gt; &amp; all</body>']);
    expect(read.to).toBe('bob@example.org');
    const mismatch = (() => {
      try {
        parseEnvelope(plaintext, 'mallory@example.org');
      } catch (error) {
        return error instanceof Omemo2Error ? error.code : 'other';
      }
      return undefined;
    })();
    expect(mismatch).toBe('sender-mismatch');
  });
});
