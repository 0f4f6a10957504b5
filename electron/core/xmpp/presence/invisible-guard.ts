// While we appear offline, what would show we are online (iq answers, receipts, markers, chat states) goes only to
// our own server and account and to contacts allowed to see our presence (XEP-0186 §3, XEP-0184 §8).
import type { Element } from '@xmpp/xml';
import { buildIqError } from '../iq-router.ts';

export interface Audience {
  /** Whether our own presence is invisible now. */
  readonly invisible: () => boolean;
  /** The account's bare JID, lower case. */
  readonly ownBare: string;
  readonly domain: string;
  /** Whether this bare JID is a contact allowed to see our presence (RFC 6121 §3: subscription 'from' or 'both'). */
  readonly seesUs: (bare: string) => boolean;
}

const bareOf = (address: string) => (address.includes('/') ? address.slice(0, address.indexOf('/')) : address).toLowerCase();

/** Whether `from` (a stanza's sender; none is our server) may learn that we are online. */
export function mayLearnOnline(from: string | undefined, audience: Audience): boolean {
  if (from === undefined || !audience.invisible()) return true;
  const bare = bareOf(from);
  return bare === audience.domain.toLowerCase() || bare === audience.ownBare || audience.seesUs(bare);
}

/**
 * Answers an iq request from someone who may not learn we are online as the server would with no resource here
 * (RFC 6121 §8.5.3.2.3: service-unavailable); undefined when the request may go on to its handler.
 */
export function refuseWhileInvisible(stanza: Element, audience: Audience): Element | undefined {
  const { type } = stanza.attrs;
  if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return undefined;
  return mayLearnOnline(stanza.attrs.from, audience) ? undefined : buildIqError(stanza, 'cancel', 'service-unavailable');
}
