// XEP-0191 blocking command as plain data: the blocklist, block/unblock requests and pushes; XEP-0377 reports inside items.
import xml, { type Element } from '@xmpp/xml';
import { formatJid, parseJid } from '../../../../shared/model/jid.ts';

export const NS_BLOCKING = 'urn:xmpp:blocking';
/** XEP-0377 §3: spam reporting, offered by the server next to blocking. */
export const NS_REPORTING = 'urn:xmpp:reporting:1';

export type ReportReason = 'spam' | 'abuse';

/** A JID normalised (RFC 7622); blocklist items may be bare, full or a domain (XEP-0191 §3.1). */
export function normaliseBlockedJid(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseJid(text);
  return parsed.ok ? formatJid(parsed.jid) : undefined;
}

function itemJids(element: Element): string[] {
  return [...new Set(element.getChildren('item').flatMap((item) => normaliseBlockedJid(item.attrs.jid) ?? []))];
}

/** §3.1: the <blocklist/> of a result. */
export function parseBlocklist(blocklist: Element): string[] {
  return itemJids(blocklist);
}

/** §3.3 and §3.5: a push; an unblock without items means everything was unblocked. */
export type BlockPush = { readonly kind: 'block'; readonly jids: readonly string[] } | { readonly kind: 'unblock'; readonly jids: readonly string[] } | { readonly kind: 'unblock-all' };

export function parseBlockPush(payload: Element): BlockPush | undefined {
  if (payload.attrs.xmlns !== NS_BLOCKING) return undefined;
  const jids = itemJids(payload);
  if (payload.name === 'block') return jids.length > 0 ? { kind: 'block', jids } : undefined;
  if (payload.name === 'unblock') return payload.getChildren('item').length === 0 ? { kind: 'unblock-all' } : { kind: 'unblock', jids };
  return undefined;
}

/** Applies a push to the list; returns the new list. */
export function applyBlockPush(list: readonly string[], push: BlockPush): string[] {
  if (push.kind === 'unblock-all') return [];
  if (push.kind === 'unblock') return list.filter((jid) => !push.jids.includes(jid));
  return [...new Set([...list, ...push.jids])];
}

export function buildBlocklistGet(): Element {
  return xml('iq', { type: 'get' }, xml('blocklist', { xmlns: NS_BLOCKING }));
}

/** §3.3 block, with an XEP-0377 §4 report inside the item when given. */
export function buildBlock(jid: string, report?: ReportReason): Element {
  const reportElement = report === undefined ? undefined : xml('report', { xmlns: NS_REPORTING, reason: `urn:xmpp:reporting:${report}` });
  return xml('iq', { type: 'set' }, xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid }, reportElement)));
}

/** §3.4 unblock one JID (never the empty form, which unblocks everyone). */
export function buildUnblock(jid: string): Element {
  return xml('iq', { type: 'set' }, xml('unblock', { xmlns: NS_BLOCKING }, xml('item', { jid })));
}
