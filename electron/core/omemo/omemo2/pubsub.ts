// OMEMO 2 over PEP (XEP-0384 v0.8 §5.3): the device list is one item "current"; bundles share one node, one item per
// device named by its id, so the node must keep many items (pubsub#max_items "max"); both open to anyone (access_model).
import xml, { type Element } from '@xmpp/xml';
import { NS_PUBSUB, NS_PUBSUB_EVENT } from '../axolotl-pubsub.ts';
import { NS_OMEMO2 } from './namespaces.ts';

const NS_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';

const field = (name: string, value: string): Element => xml('field', { var: name }, xml('value', {}, value));

const publishOptions = (maxItems: boolean): Element =>
  xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBLISH_OPTIONS)),
      field('pubsub#access_model', 'open'),
      maxItems ? field('pubsub#max_items', 'max') : undefined,
    ),
  );

export const buildPublish = (node: string, itemId: string, payload: Element, manyItems: boolean): Element =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, xml('item', { id: itemId }, payload)), publishOptions(manyItems)));

/** `itemId` undefined asks for the node's items (the device list keeps one). */
export const buildItemRequest = (to: string | undefined, node: string, itemId?: string): Element =>
  xml(
    'iq',
    { type: 'get', ...(to === undefined ? {} : { to }) },
    xml('pubsub', { xmlns: NS_PUBSUB }, itemId === undefined ? xml('items', { node, max_items: '1' }) : xml('items', { node }, xml('item', { id: itemId }))),
  );

/** The payload named `name` of the item of `node` (of `itemId` when given) in an items result or a PEP event. */
export function itemPayload(stanza: Element, node: string, name: string, itemId?: string): Element | undefined {
  const items = stanza.getChild('pubsub', NS_PUBSUB)?.getChild('items') ?? stanza.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (items?.attrs.node !== node) return undefined;
  const candidates = items.getChildren('item').filter((item) => itemId === undefined || item.attrs.id === itemId);
  return candidates.at(-1)?.getChild(name, NS_OMEMO2);
}
