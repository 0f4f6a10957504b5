// XEP-0313 (urn:xmpp:mam:2) archive queries paged with XEP-0059 result set management: built and read the same way by
// the fixture and the baseline, so both page through the same archive with the same page size.
import xml, { type Element } from '@xmpp/xml';

export const NS_MAM = 'urn:xmpp:mam:2';
export const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DELAY = 'urn:xmpp:delay';

export interface PageRequest {
  readonly iqId: string;
  readonly queryId: string;
  readonly max: number;
  /** XEP-0059 §2.2: the page after this archive id (forwards). */
  readonly after?: string;
  /** XEP-0059 §2.5: `true` asks for the last page. */
  readonly last?: boolean;
}

export interface ArchivedItem {
  /** The archive id (XEP-0313 §4.2 result/@id). */
  readonly id: string;
  /** XEP-0203 delay stamp of the forwarded message, epoch ms. */
  readonly timestamp: number;
  readonly from: string;
}

export interface PageEnd {
  readonly complete: boolean;
  readonly first?: string;
  readonly last?: string;
  readonly count?: number;
}

/** XEP-0313 §4.1 query in an iq set, limited by XEP-0059 §2.1 <max/>. */
export function buildPageQuery(request: PageRequest): Element {
  const set = xml('set', { xmlns: NS_RSM }, xml('max', {}, String(request.max)));
  if (request.after !== undefined) set.append(xml('after', {}, request.after));
  if (request.last === true) set.append(xml('before'));
  return xml('iq', { type: 'set', id: request.iqId }, xml('query', { xmlns: NS_MAM, queryid: request.queryId }, set));
}

/** XEP-0313 §4.2: one archived message of our query, or undefined for any other stanza. */
export function parseArchived(stanza: Element, queryId: string): ArchivedItem | undefined {
  if (stanza.name !== 'message') return undefined;
  const result = stanza.getChild('result', NS_MAM);
  if (result?.attrs.queryid !== queryId || result.attrs.id === undefined) return undefined;
  const forwarded = result.getChild('forwarded', NS_FORWARD);
  const stamp = forwarded?.getChild('delay', NS_DELAY)?.attrs.stamp;
  return { id: result.attrs.id, timestamp: stamp === undefined ? Number.NaN : Date.parse(stamp), from: forwarded?.getChild('message')?.attrs.from ?? '' };
}

/** XEP-0313 §4.3 <fin/> with its XEP-0059 <set/>: whether the archive is exhausted and where the page ended. */
export function parseFin(iq: Element): PageEnd {
  const fin = iq.getChild('fin', NS_MAM);
  if (!fin) throw new Error(`the archive query answered without <fin/>: ${iq.toString().slice(0, 300)}`);
  const set = fin.getChild('set', NS_RSM);
  const text = (name: string) => set?.getChildText(name) ?? undefined;
  const count = text('count');
  return {
    complete: fin.attrs.complete === 'true',
    ...(text('first') === undefined ? {} : { first: text('first') }),
    ...(text('last') === undefined ? {} : { last: text('last') }),
    ...(count === undefined ? {} : { count: Number(count) }),
  };
}
