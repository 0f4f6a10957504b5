// XEP-0280 v1.0 Message Carbons: the enable request (§4) and the <received/> and <sent/> wrappers (§6), checked per §11.
import xml, { type Element } from '@xmpp/xml';
import { fromBareJid, parseForwarded, type Forwarded } from './forwarded.ts';

export const NS_CARBONS = 'urn:xmpp:carbons:2';

export type CarbonDirection = 'received' | 'sent';

export interface Carbon extends Forwarded {
  readonly direction: CarbonDirection;
}

/** §4: asks our server to copy this resource on our other resources' traffic. */
export function buildCarbonsEnable(): Element {
  return xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS }));
}

/**
 * The copy a carbon wraps; undefined when the message is no carbon; 'forged' when it claims to be one but does not come
 * from our own bare JID (§11: anyone could otherwise put words in our mouth or in a contact's).
 */
export function parseCarbon(stanza: Element, ownJid: string): Carbon | 'forged' | undefined {
  if (stanza.name !== 'message') return undefined;
  const wrapper = stanza.getChild('received', NS_CARBONS) ?? stanza.getChild('sent', NS_CARBONS);
  if (!wrapper) return undefined;
  if (!fromBareJid(stanza.attrs.from, ownJid, false)) return 'forged';
  const forwarded = parseForwarded(wrapper.getChild('forwarded'));
  return forwarded ? { direction: wrapper.name === 'sent' ? 'sent' : 'received', ...forwarded } : undefined;
}
