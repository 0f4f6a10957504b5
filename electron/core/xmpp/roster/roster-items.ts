// RFC 6121 §2: roster items parsed from and built into jabber:iq:roster queries; versioning per XEP-0237.
import xml, { type Element } from '@xmpp/xml';
import type { Subscription } from '../../../../shared/model/contact.ts';
import type { RosterItem } from '../../model/roster-item.ts';
import { formatJid, isNormalBareJid, parseJid } from '../../../../shared/model/jid.ts';

export const NS_ROSTER = 'jabber:iq:roster';
/** XEP-0237 §2: the stream feature that says the server understands 'ver'. */
export const NS_ROSTER_VER = 'urn:xmpp:features:rosterver';

/** An item of a roster push or result: a change, or subscription='remove' (§2.1.2.5). */
export type RosterChange = { readonly kind: 'upsert'; readonly item: RosterItem } | { readonly kind: 'remove'; readonly jid: string };

const subscriptions: ReadonlySet<string> = new Set(['none', 'to', 'from', 'both']);

/** A bare JID normalised (RFC 7622), or undefined if it is not one. */
export function normaliseBareJid(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // Most addresses (every item of a large roster) are already normal: nothing to parse or rebuild.
  if (isNormalBareJid(text)) return text;
  const parsed = parseJid(text);
  if (!parsed.ok || parsed.jid.resource !== undefined) return undefined;
  return formatJid(parsed.jid);
}

/** §2.1.2.4: the item's groups, each named once, empty names left out. */
function groupsOf(element: Element): string[] {
  const groups: string[] = [];
  for (const child of element.children) {
    if (typeof child === 'string' || child.name !== 'group') continue;
    const group = child.text().trim();
    if (group !== '' && !groups.includes(group)) groups.push(group);
  }
  return groups;
}

/** §2.1.2 the item an <item/> describes, its JID already normalised and its subscription not 'remove'. */
function itemOf(element: Element, jid: string, subscription: string): RosterItem {
  // §2.1.2.5: an unknown value is treated as 'none'.
  const known = (subscriptions.has(subscription) ? subscription : 'none') as Subscription;
  const name = element.attrs.name?.trim();
  const item: { -readonly [K in keyof RosterItem]: RosterItem[K] } = {
    jid,
    groups: groupsOf(element),
    subscription: known,
    ask: element.attrs.ask === 'subscribe',
    approved: element.attrs.approved === 'true',
  };
  if (name) item.name = name;
  return item;
}

export function parseRosterItem(element: Element): RosterChange | undefined {
  const jid = normaliseBareJid(element.attrs.jid);
  if (jid === undefined) return undefined;
  const subscription = element.attrs.subscription ?? 'none';
  if (subscription === 'remove') return { kind: 'remove', jid };
  return { kind: 'upsert', item: itemOf(element, jid, subscription) };
}

/** The items of a roster push query, with its version (XEP-0237 §3). */
export function parseRosterQuery(query: Element): { changes: RosterChange[]; ver: string | undefined } {
  const changes: RosterChange[] = [];
  for (const child of query.children) {
    if (typeof child === 'string' || child.name !== 'item') continue;
    const change = parseRosterItem(child);
    if (change) changes.push(change);
  }
  return { changes, ver: query.attrs.ver };
}

/**
 * §2.1.4 a roster result: its items by JID (a later item of the same JID wins; 'remove' has no place in a result) and its
 * version. One pass straight into the map, nothing built per item but the item: a result can hold tens of thousands.
 */
export function parseRosterResult(query: Element): { items: Map<string, RosterItem>; ver: string | undefined } {
  const items = new Map<string, RosterItem>();
  for (const child of query.children) {
    if (typeof child === 'string' || child.name !== 'item') continue;
    const jid = normaliseBareJid(child.attrs.jid);
    const subscription = child.attrs.subscription ?? 'none';
    if (jid === undefined || subscription === 'remove') continue;
    items.delete(jid);
    items.set(jid, itemOf(child, jid, subscription));
  }
  return { items, ver: query.attrs.ver };
}

/** §2.1.3 roster get; 'ver' only when the server advertised versioning (XEP-0237 §2), '' when nothing is cached. */
export function buildRosterGet(ver: string | undefined): Element {
  return xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER, ver }));
}

/** §2.3 roster set: what the client may say of an item (never 'ask' or a subscription state). */
export function buildRosterSet(item: { jid: string; name?: string | undefined; groups: readonly string[] }): Element {
  const name = item.name?.trim() ? item.name.trim() : undefined;
  return xml(
    'iq',
    { type: 'set' },
    xml('query', { xmlns: NS_ROSTER }, xml('item', { jid: item.jid, name }, ...[...new Set(item.groups)].map((group) => xml('group', {}, group)))),
  );
}

/** §2.5: remove the item; the server also cancels both subscriptions. */
export function buildRosterRemove(jid: string): Element {
  return xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' })));
}
