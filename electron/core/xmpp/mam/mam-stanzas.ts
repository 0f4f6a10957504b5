// XEP-0313 v1.x queries of an archive — our account's or a room's — (§4.1, with XEP-0059 result set management), its results (§4.2) and end (§4.3).
import xml, { type Element } from '@xmpp/xml';
import { NS_DATA } from '../disco/disco-info.ts';
import { fromBareJid, parseForwarded, type Forwarded } from '../carbons/forwarded.ts';
import type { PageRequest } from './paging.ts';

export const NS_MAM = 'urn:xmpp:mam:2';
/** §6.1.1: the server takes the before-id, after-id and ids fields. */
export const NS_MAM_EXTENDED = 'urn:xmpp:mam:2#extended';
export const NS_RSM = 'http://jabber.org/protocol/rsm';

export interface ArchiveResult extends Forwarded {
  /** The archive's id of the message (the same as its stanza-id by our bare JID). */
  readonly id: string;
}

export interface ArchiveFin {
  /** §4.3: the query reached the end of what matched (the oldest, when paging backwards). */
  readonly complete: boolean;
  /** XEP-0059 §2.6: the archive ids of the page's oldest and newest results. */
  readonly first?: string;
  readonly last?: string;
  readonly count?: number;
}

/** XEP-0082 dateTime to the second, rounded down so that a bound never leaves out what it was meant to include. */
export function formatDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const field = (name: string, value: string | undefined) => (value === undefined ? undefined : xml('field', { var: name }, xml('value', {}, value)));

/** Which archive a query asks: our own account's (asked with no 'to'), or another entity's such as a room (§4.1, §7). */
export interface ArchiveAddress {
  /** The archive's bare JID. */
  readonly archive: string;
  /** Our account's bare JID. */
  readonly ownJid: string;
}

/** §4.1 with §5.1's form fields; without 'to', the query goes to our own archive. */
export function buildArchiveQuery(request: PageRequest, queryId: string, address?: ArchiveAddress): Element {
  const filters = [
    field('with', request.with),
    field('start', request.start === undefined ? undefined : formatDateTime(request.start)),
    field('end', request.end === undefined ? undefined : formatDateTime(request.end)),
    field('after-id', request.afterId),
  ].filter((each) => each !== undefined);
  const form =
    filters.length === 0
      ? undefined
      : xml('x', { xmlns: NS_DATA, type: 'submit' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)), ...filters);
  // XEP-0059 §2.5: an empty <before/> asks for the last page.
  const rsm = xml('set', { xmlns: NS_RSM }, xml('max', {}, String(request.max)), xml('before', {}, request.before));
  const to = address && address.archive !== address.ownJid ? { to: address.archive } : {};
  return xml('iq', { type: 'set', ...to }, xml('query', { xmlns: NS_MAM, queryid: queryId }, form, rsm));
}

/**
 * One result of our query; undefined for anything else. §4.2: results come from the archive asked (for our own, our bare
 * JID or no 'from'), and carry the queryid we chose — 'forged' when one carries our queryid but another sender.
 */
export function parseArchiveResult(stanza: Element, address: ArchiveAddress, queryId: string): ArchiveResult | 'forged' | undefined {
  if (stanza.name !== 'message') return undefined;
  const result = stanza.getChild('result', NS_MAM);
  if (result?.attrs.queryid !== queryId) return undefined;
  if (!fromBareJid(stanza.attrs.from, address.archive, address.archive === address.ownJid)) return 'forged';
  const id = result.attrs.id;
  const forwarded = parseForwarded(result.getChild('forwarded'));
  if (typeof id !== 'string' || id === '' || !forwarded) return undefined;
  return { id, ...forwarded };
}

/** §4.3: the <fin/> in the iq result. */
export function parseFin(reply: Element): ArchiveFin | undefined {
  const fin = reply.getChild('fin', NS_MAM);
  if (!fin) return undefined;
  const set = fin.getChild('set', NS_RSM);
  const text = (name: string) => {
    const value = set?.getChildText(name);
    return value === null || value === undefined || value === '' ? undefined : value;
  };
  const first = text('first');
  const last = text('last');
  const count = Number(text('count'));
  return {
    complete: fin.attrs.complete === 'true' || fin.attrs.complete === '1',
    ...(first === undefined ? {} : { first }),
    ...(last === undefined ? {} : { last }),
    ...(Number.isInteger(count) && text('count') !== undefined ? { count } : {}),
  };
}
