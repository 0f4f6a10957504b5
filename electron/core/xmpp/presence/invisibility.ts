// Appearing offline while signed in: XEP-0186 invisible command, else XEP-0126 privacy lists (XEP-0016), else not at all.
import xml, { type Element } from '@xmpp/xml';
import type { DiscoInfo } from '../../model/disco-info.ts';

export const NS_INVISIBLE = 'urn:xmpp:invisible:0';
export const NS_PRIVACY = 'jabber:iq:privacy';
/** XEP-0126 §3.1: the list that blocks all outgoing presence. */
export const INVISIBLE_LIST = 'invisible';

export type Mechanism = 'xep-0186' | 'xep-0126' | 'unavailable';

/** From the server's disco#info features (XEP-0186 §2, XEP-0016 §2 discovery). */
export function detectInvisibility(info: Pick<DiscoInfo, 'features'>): Mechanism {
  if (info.features.includes(NS_INVISIBLE)) return 'xep-0186';
  if (info.features.includes(NS_PRIVACY)) return 'xep-0126';
  return 'unavailable';
}

/** XEP-0186 §3.1 become invisible (probe='true': still learn the contacts' presence, §3.1 v0.13); §3.2 become visible. */
export function buildInvisibleCommand(invisible: boolean): Element {
  return xml('iq', { type: 'set' }, invisible ? xml('invisible', { xmlns: NS_INVISIBLE, probe: 'true' }) : xml('visible', { xmlns: NS_INVISIBLE }));
}

/** XEP-0126 §3.1: a list denying every outgoing presence notification. */
export function buildInvisibleList(): Element {
  return xml(
    'iq',
    { type: 'set' },
    xml('query', { xmlns: NS_PRIVACY }, xml('list', { name: INVISIBLE_LIST }, xml('item', { action: 'deny', order: '1' }, xml('presence-out')))),
  );
}

/** XEP-0016 §2.4: make a list active for this session, or decline any (visible again, XEP-0126 §3.2). */
export function buildActiveList(name: string | undefined): Element {
  return xml('iq', { type: 'set' }, xml('query', { xmlns: NS_PRIVACY }, xml('active', { name })));
}

/** The steps, in order, from visible to invisible ('presence' is our own available presence, 'unavailable' its end). */
export function goInvisibleSteps(mechanism: Mechanism, announced: boolean): ('unavailable' | Element)[] {
  if (mechanism === 'xep-0186') return [buildInvisibleCommand(true)];
  // XEP-0126 §3.3: contacts who saw us must see us leave before the list hides the next presence.
  if (mechanism === 'xep-0126') return [...(announced ? ['unavailable' as const] : []), buildInvisibleList(), buildActiveList(INVISIBLE_LIST)];
  return [];
}

export function goVisibleSteps(mechanism: Mechanism): Element[] {
  if (mechanism === 'xep-0186') return [buildInvisibleCommand(false)];
  if (mechanism === 'xep-0126') return [buildActiveList(undefined)];
  return [];
}
