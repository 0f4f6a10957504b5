// XEP-0030 §4: an entity's items, and the services a server lists among them, each known by its disco#info (§3).
import xml, { type Element } from '@xmpp/xml';
import type { DiscoInfo } from '../../model/disco-info.ts';
import type { Connection } from '../connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from './disco-info.ts';

export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
const TIMEOUT_MS = 15_000;
/** A server listing more items than this is not searched further: each costs a request. */
const MAX_SERVICES = 50;

type Iq = Pick<Connection, 'iq'>;

export interface DiscoItem {
  readonly jid: string;
  readonly name?: string;
}

/** §4.1: an entity's items (a server's services, a service's rooms). */
export function buildDiscoItemsGet(to: string): Element {
  return xml('iq', { type: 'get', to }, xml('query', { xmlns: NS_DISCO_ITEMS }));
}

/** §4.1: the items of a result, those without a JID left out. */
export function parseDiscoItems(reply: Element): DiscoItem[] {
  return (reply.getChild('query', NS_DISCO_ITEMS)?.getChildren('item') ?? []).flatMap((item) => {
    const jid = item.attrs.jid;
    if (typeof jid !== 'string' || jid === '') return [];
    const name = item.attrs.name;
    return [{ jid, ...(typeof name === 'string' && name !== '' ? { name } : {}) }];
  });
}

/** An entity's disco#info; undefined when it does not answer or answers something ill-formed. */
export async function discoInfoOf(connection: Iq, jid: string): Promise<DiscoInfo | undefined> {
  const reply = await connection.iq(buildDiscoInfoGet(jid), TIMEOUT_MS).catch(() => undefined);
  const query = reply?.getChild('query', NS_DISCO_INFO);
  const parsed = query ? parseDiscoInfo(query) : undefined;
  return parsed === 'ill-formed' ? undefined : parsed;
}

/**
 * The first of the server's services (its items, asked together; with `server`, the server itself before them) that
 * `pick` accepts by its disco#info; undefined when none does. A server that lists no items has only itself to offer.
 */
export async function findService<T>(connection: Iq, domain: string, pick: (jid: string, info: DiscoInfo) => T | undefined, options: { server?: boolean } = {}): Promise<T | undefined> {
  if (options.server) {
    const own = await discoInfoOf(connection, domain);
    const found = own && pick(domain, own);
    if (found !== undefined) return found;
  }
  const items = await connection.iq(buildDiscoItemsGet(domain), TIMEOUT_MS).then(parseDiscoItems);
  const candidates = items.slice(0, MAX_SERVICES);
  const infos = await Promise.all(candidates.map((item) => discoInfoOf(connection, item.jid)));
  for (const [index, item] of candidates.entries()) {
    const info = infos[index];
    const found = info && pick(item.jid, info);
    if (found !== undefined) return found;
  }
  return undefined;
}
