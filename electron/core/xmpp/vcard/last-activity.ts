// XEP-0012 last activity: asked of a contact's bare JID, the server answers how many seconds ago they last signed out.
import xml, { type Element } from '@xmpp/xml';

export const NS_LAST = 'jabber:iq:last';

export function buildLastActivityGet(to: string): Element {
  return xml('iq', { type: 'get', to }, xml('query', { xmlns: NS_LAST }));
}

/** §4: seconds since the contact's last unavailable presence, as epoch ms; undefined for a missing or bad answer. */
export function parseLastActivity(reply: Element, now: number): number | undefined {
  const seconds = Number(reply.getChild('query', NS_LAST)?.attrs.seconds);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 100 * 365 * 24 * 3600) return undefined;
  return now - seconds * 1000;
}
