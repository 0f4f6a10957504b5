// OMEMO 0.3 (XEP-0384 v0.3.0, namespace eu.siacs.conversations.axolotl) over PEP: node names, publish with
// an open access model (XEP-0060 §7.1.5 publish-options), fetch the current item (XEP-0060 §6.5.8).
import xml, { type Element } from '@xmpp/xml';

export const NS_AXOLOTL = 'eu.siacs.conversations.axolotl';
export const NODE_DEVICE_LIST = `${NS_AXOLOTL}.devicelist`;
/** XEP-0163 §4.3: in our caps, asks the server to push contacts' device lists to us. */
export const NS_DEVICE_LIST_NOTIFY = `${NODE_DEVICE_LIST}+notify`;
export const bundleNode = (deviceId: number): string => `${NS_AXOLOTL}.bundles:${deviceId}`;

export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const NS_PUBSUB_OWNER = 'http://jabber.org/protocol/pubsub#owner';
const NS_NODE_CONFIG = 'http://jabber.org/protocol/pubsub#node_config';
const NS_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';
const NS_DATA_FORMS = 'jabber:x:data';
/** OMEMO 0.3 keeps one item per node, named "current". */
export const CURRENT_ITEM = 'current';

// Contacts who do not share presence with us must still read our device list and bundles.
const openAccess = (): Element =>
  xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: NS_DATA_FORMS, type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBLISH_OPTIONS)),
      xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open')),
    ),
  );

export const buildPublish = (node: string, payload: Element): Element =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, xml('item', { id: CURRENT_ITEM }, payload)), openAccess()));

/** XEP-0060 §8.2.4: open a node another client made with a narrower access model, so that publishing with the options succeeds. */
/** `manyItems` also lets the node keep one item per device (OMEMO 2's bundles node, XEP-0384 v0.8 §5.3.2). */
export const buildOpenNodeConfig = (node: string, manyItems = false): Element =>
  xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB_OWNER },
      xml(
        'configure',
        { node },
        xml(
          'x',
          { xmlns: NS_DATA_FORMS, type: 'submit' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_NODE_CONFIG)),
          xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open')),
          manyItems ? xml('field', { var: 'pubsub#max_items' }, xml('value', {}, 'max')) : undefined,
        ),
      ),
    ),
  );

export const buildItemsRequest = (to: string | undefined, node: string): Element =>
  xml('iq', { type: 'get', ...(to === undefined ? {} : { to }) }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node, max_items: '1' })));

/** The payload of the item of `node` in an items result or in a PEP event message; the last one if several. */
export function itemPayload(stanza: Element, node: string, name: string): Element | undefined {
  const items = stanza.getChild('pubsub', NS_PUBSUB)?.getChild('items') ?? stanza.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (items?.attrs.node !== node) return undefined;
  return items.getChildren('item').at(-1)?.getChild(name, NS_AXOLOTL);
}

const base64Text = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 as XML carries it (whitespace allowed); undefined for anything else. */
export function decodeBase64(text: string | undefined | null): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !base64Text.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export const encodeBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Device ids are positive 31-bit integers (XEP-0384 §5.3.1). */
export function parseDeviceId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 && id < 2 ** 31 ? id : undefined;
}
