// Saved rooms as plain data and back: PEP native bookmarks (XEP-0402) and the older private XML storage (XEP-0048 over
// XEP-0049), for servers without the first.
import xml, { type Element } from '@xmpp/xml';
import { NS_PUBLISH_OPTIONS, NS_PUBSUB, NS_PUBSUB_EVENT } from '../avatar/avatar-stanzas.ts';

export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
/** XEP-0163 §4.3: in our caps, asks for our own bookmark notifications. */
export const NS_BOOKMARKS_NOTIFY = `${NS_BOOKMARKS}+notify`;
/** XEP-0402 §4: our account's disco#info says the server keeps XEP-0402 and XEP-0048 in step. */
export const NS_BOOKMARKS_COMPAT = `${NS_BOOKMARKS}#compat`;
export const NS_PRIVATE = 'jabber:iq:private';
export const NS_STORAGE_BOOKMARKS = 'storage:bookmarks';
const NS_DATA_FORMS = 'jabber:x:data';

/** One saved room, with what the core keeps and the renderer does not see (the password, other clients' extensions). */
export interface StoredBookmark {
  readonly jid: string;
  readonly name?: string;
  readonly nick?: string;
  readonly password?: string;
  readonly autojoin: boolean;
  /** XEP-0402 §3: other clients' <extensions/>, kept as they were when we publish the bookmark again. */
  readonly extensions?: Element;
}

/** XML Schema booleans (XEP-0402 §3, XEP-0048 §3.2). */
const isTrue = (value: unknown): boolean => value === 'true' || value === '1';

const text = (parent: Element, name: string, xmlns?: string): string | undefined => {
  const child = xmlns === undefined ? parent.getChild(name) : parent.getChild(name, xmlns);
  const value = child?.text();
  return value === undefined || value === '' ? undefined : value;
};

function bookmark(jid: string, conference: Element, xmlns?: string): StoredBookmark {
  const name = typeof conference.attrs.name === 'string' && conference.attrs.name !== '' ? conference.attrs.name : undefined;
  const nick = text(conference, 'nick', xmlns);
  const password = text(conference, 'password', xmlns);
  const extensions = xmlns === undefined ? undefined : conference.getChild('extensions', xmlns);
  return {
    jid,
    ...(name === undefined ? {} : { name }),
    ...(nick === undefined ? {} : { nick }),
    ...(password === undefined ? {} : { password }),
    autojoin: isTrue(conference.attrs.autojoin),
    ...(extensions ? { extensions } : {}),
  };
}

/** XEP-0402 §3: an item whose id is the room's JID and whose payload is a <conference/>; undefined otherwise. */
export function parseBookmarkItem(item: Element): StoredBookmark | undefined {
  const jid = item.attrs.id;
  const conference = item.getChild('conference', NS_BOOKMARKS);
  if (typeof jid !== 'string' || jid === '' || !conference) return undefined;
  return bookmark(jid, conference, NS_BOOKMARKS);
}

/** XEP-0402 §3.3 / XEP-0060 §6.5: every item of our bookmarks node. */
export const buildBookmarksGet = (): Element => xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_BOOKMARKS })));

export function parseBookmarksResult(result: Element): StoredBookmark[] {
  const items = result.getChild('pubsub', NS_PUBSUB)?.getChild('items');
  if (items?.attrs.node !== NS_BOOKMARKS) return [];
  return items.getChildren('item').flatMap((item) => parseBookmarkItem(item) ?? []);
}

/** XEP-0402 §3.4 and §3.5: what a notification of our node says, published (added or changed) and retracted rooms. */
export function parseBookmarksEvent(message: Element): { published: StoredBookmark[]; retracted: string[] } | undefined {
  const items = message.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (items?.attrs.node !== NS_BOOKMARKS) return undefined;
  return {
    published: items.getChildren('item').flatMap((item) => parseBookmarkItem(item) ?? []),
    retracted: items.getChildren('retract').flatMap((retract) => (typeof retract.attrs.id === 'string' ? [retract.attrs.id] : [])),
  };
}

const conferenceChildren = (b: StoredBookmark): Element[] => [
  ...(b.nick === undefined ? [] : [xml('nick', {}, b.nick)]),
  ...(b.password === undefined ? [] : [xml('password', {}, b.password)]),
];

const field = (name: string, value: string): Element => xml('field', { var: name }, xml('value', {}, value));

/** XEP-0402 §3.4 with the publish-options of §5: kept, as many as we save, sent only on change, to ourselves only. */
export function buildBookmarkPublish(b: StoredBookmark): Element {
  const attrs: Record<string, string> = { xmlns: NS_BOOKMARKS, autojoin: b.autojoin ? 'true' : 'false' };
  if (b.name !== undefined) attrs.name = b.name;
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node: NS_BOOKMARKS }, xml('item', { id: b.jid }, xml('conference', attrs, ...conferenceChildren(b), b.extensions))),
      xml(
        'publish-options',
        {},
        xml(
          'x',
          { xmlns: NS_DATA_FORMS, type: 'submit' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBLISH_OPTIONS)),
          field('pubsub#persist_items', 'true'),
          field('pubsub#max_items', 'max'),
          field('pubsub#send_last_published_item', 'never'),
          field('pubsub#access_model', 'whitelist'),
        ),
      ),
    ),
  );
}

/** XEP-0402 §3.5: a room no longer saved, with a notification to our other clients. */
export const buildBookmarkRetract = (jid: string): Element =>
  xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node: NS_BOOKMARKS, notify: 'true' }, xml('item', { id: jid }))));

/** XEP-0049 §3 with XEP-0048 §3.2: our whole bookmark storage. */
export const buildPrivateGet = (): Element => xml('iq', { type: 'get' }, xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE_BOOKMARKS })));

export function parsePrivateResult(result: Element): StoredBookmark[] {
  const storage = result.getChild('query', NS_PRIVATE)?.getChild('storage', NS_STORAGE_BOOKMARKS);
  return (storage?.getChildren('conference') ?? []).flatMap((conference) =>
    typeof conference.attrs.jid === 'string' && conference.attrs.jid !== '' ? [bookmark(conference.attrs.jid, conference)] : [],
  );
}

/** XEP-0049 §2 with XEP-0048 §3.2: a set replaces the whole storage, so every room goes in it. */
export function buildPrivateSet(bookmarks: readonly StoredBookmark[]): Element {
  const conferences = bookmarks.map((b) => {
    const attrs: Record<string, string> = { jid: b.jid, autojoin: b.autojoin ? 'true' : 'false' };
    if (b.name !== undefined) attrs.name = b.name;
    return xml('conference', attrs, ...conferenceChildren(b));
  });
  return xml('iq', { type: 'set' }, xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE_BOOKMARKS }, ...conferences)));
}
