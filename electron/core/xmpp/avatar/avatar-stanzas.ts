// Avatar stanzas as plain data and back: XEP-0084 (PEP data and metadata) and XEP-0153 (vCard-temp PHOTO and presence hash).
import xml, { type Element } from '@xmpp/xml';

export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
/** XEP-0163 §4.3: in our caps, asks the server to send us contacts' metadata. */
export const NS_AVATAR_METADATA_NOTIFY = `${NS_AVATAR_METADATA}+notify`;
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const NS_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';
export const NS_VCARD = 'vcard-temp';
export const NS_VCARD_UPDATE = 'vcard-temp:x:update';
const NS_DATA_FORMS = 'jabber:x:data';

export interface AvatarInfo {
  readonly id: string;
  readonly type: string;
  readonly bytes: number;
  readonly width?: number;
  readonly height?: number;
}

/** What a metadata notification says: an avatar to fetch by id, or none (XEP-0084 §4.2, an empty <metadata/> disables it). */
export type MetadataEvent = { readonly hash: string; readonly type: string } | { readonly hash: undefined };

/** XEP-0084 §4.2: the metadata item of a PEP event message; undefined when the message is not one. */
export function parseMetadataEvent(message: Element): MetadataEvent | undefined {
  const items = message.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (items?.attrs.node !== NS_AVATAR_METADATA) return undefined;
  const metadata = items.getChildren('item').at(-1)?.getChild('metadata', NS_AVATAR_METADATA);
  if (!metadata) return undefined;
  // Only an avatar stored in PEP (no url) can be fetched from the data node; PNG first, as every client must publish one.
  const infos = metadata.getChildren('info').filter((info) => info.attrs.url === undefined && typeof info.attrs.id === 'string');
  const info = infos.find((candidate) => candidate.attrs.type === 'image/png') ?? infos[0];
  if (!info) return { hash: undefined };
  return { hash: String(info.attrs.id).toLowerCase(), type: String(info.attrs.type ?? '') };
}

/** XEP-0084 §4.1 / XEP-0060 §6.5.8: ask for one data item by id. */
export const buildDataRequest = (to: string, hash: string): Element =>
  xml('iq', { type: 'get', to }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_DATA }, xml('item', { id: hash }))));

/** The base64 payload of a data item in an items result; undefined when it has none. */
export function parseDataResult(result: Element, hash: string): string | undefined {
  const items = result.getChild('pubsub', NS_PUBSUB)?.getChild('items');
  if (items?.attrs.node !== NS_AVATAR_DATA) return undefined;
  const item = items.getChildren('item').find((candidate) => String(candidate.attrs.id).toLowerCase() === hash);
  return item?.getChildText('data', NS_AVATAR_DATA) ?? undefined;
}

/** XEP-0060 §7.1.5: make the node readable by anyone, as XEP-0084 §4.1 recommends for avatars. */
function publishOptions(): Element {
  return xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: NS_DATA_FORMS, type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBLISH_OPTIONS)),
      xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open')),
    ),
  );
}

const publish = (node: string, id: string, payload: Element, open: boolean): Element =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, xml('item', { id }, payload)), open ? publishOptions() : undefined));

/** XEP-0084 §4.1: our image, base64, under its SHA-1. */
export const buildDataPublish = (hash: string, base64: string, open: boolean): Element =>
  publish(NS_AVATAR_DATA, hash, xml('data', { xmlns: NS_AVATAR_DATA }, base64), open);

/** XEP-0084 §4.2: what the image is, after its data is published. */
export function buildMetadataPublish(info: AvatarInfo, open: boolean): Element {
  const attrs: Record<string, string> = { bytes: String(info.bytes), id: info.id, type: info.type };
  if (info.width !== undefined) attrs.width = String(info.width);
  if (info.height !== undefined) attrs.height = String(info.height);
  return publish(NS_AVATAR_METADATA, info.id, xml('metadata', { xmlns: NS_AVATAR_METADATA }, xml('info', attrs)), open);
}

/** XEP-0084 §4.5: an empty <metadata/> tells contacts that we have no avatar any more. */
export const buildMetadataDisable = (): Element =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: NS_AVATAR_METADATA }, xml('item', {}, xml('metadata', { xmlns: NS_AVATAR_METADATA })))));

/**
 * XEP-0153 §4.3: the hash a presence advertises: a string, '' for "no avatar", undefined when the presence says nothing
 * (no <x/>, or an <x/> without <photo/> — the sender is not ready to advertise).
 */
export function parsePresencePhoto(presence: Element): string | undefined {
  const photo = presence.getChild('x', NS_VCARD_UPDATE)?.getChild('photo');
  if (!photo) return undefined;
  return photo.text().trim().toLowerCase();
}

/** XEP-0153 §4.1: the element every presence of ours carries once we know our avatar; an empty hash says we have none. */
export const buildPresenceUpdate = (hash: string): Element => xml('x', { xmlns: NS_VCARD_UPDATE }, xml('photo', {}, hash === '' ? undefined : hash));

/** XEP-0054 §3.1/§3.2: a vCard request, ours when `to` is undefined. */
export const buildVcardGet = (to?: string): Element => xml('iq', { type: 'get', ...(to === undefined ? {} : { to }) }, xml('vCard', { xmlns: NS_VCARD }));

/** XEP-0153 §3.1: PHOTO's TYPE and BINVAL; undefined without a BINVAL. */
export function parseVcardPhoto(result: Element): { type?: string; base64: string } | undefined {
  const photo = result.getChild('vCard', NS_VCARD)?.getChild('PHOTO');
  const base64 = photo?.getChildText('BINVAL')?.trim();
  if (!base64) return undefined;
  const type = photo?.getChildText('TYPE')?.trim();
  return { ...(type ? { type } : {}), base64 };
}

/** XEP-0054 §3.2 (a set replaces the whole vCard): every field of ours kept (moved from the discarded reply), PHOTO replaced. */
function vcardSet(current: Element | undefined, photo: Element | undefined): Element {
  const kept = (current?.getChildElements() ?? []).filter((child) => child.name !== 'PHOTO');
  return xml('iq', { type: 'set' }, xml('vCard', { xmlns: NS_VCARD }, ...kept, photo));
}

export const buildVcardSetWithPhoto = (current: Element | undefined, type: string, base64: string): Element =>
  vcardSet(current, xml('PHOTO', {}, xml('TYPE', {}, type), xml('BINVAL', {}, base64)));

/** XEP-0153 §3.2: our vCard without PHOTO, when we remove our avatar. */
export const buildVcardSetWithoutPhoto = (current: Element | undefined): Element => vcardSet(current, undefined);
