// RFC 6121 §4: a contact's presence stanza as plain data: availability (§4.7), unavailability, error (§4.6.3), subscription (§3).
import type { Element } from '@xmpp/xml';
import { maxStatusLength, type ResourcePresence } from '../../../../shared/model/presence.ts';
import { parseJid } from '../../../../shared/model/jid.ts';
import { shortened } from '../../../../shared/text/bounded.ts';
import { capsOf, type CapsRef } from '../caps/caps.ts';
import { NS_CAPS } from '../caps/caps-hash.ts';
import { stanzaErrorOf } from '../stanza-error.ts';

export const NS_IDLE = 'urn:xmpp:idle:1';
export const NS_DELAY = 'urn:xmpp:delay';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';

export type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';
type Available = Omit<ResourcePresence, 'client'>;

export type ParsedPresence =
  | { readonly kind: 'available'; readonly bare: string; readonly presence: Available; readonly caps?: CapsRef }
  | { readonly kind: 'unavailable'; readonly bare: string; readonly resource: string; readonly lastActive?: number }
  | { readonly kind: 'error'; readonly bare: string; readonly message: string }
  | { readonly kind: 'subscription'; readonly bare: string; readonly type: SubscriptionType; readonly message?: string };

const shows: ReadonlySet<string> = new Set(['chat', 'away', 'xa', 'dnd']);
const subscriptionTypes: ReadonlySet<string> = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** §4.7.2.3: an integer from -128 to 127, 0 when absent or invalid. */
export function parsePriority(text: string | null): number {
  if (text === null || !/^\s*[+-]?\d+\s*$/.test(text)) return 0;
  return Math.max(-128, Math.min(127, Number.parseInt(text, 10)));
}

function stamp(element: Element | undefined, attribute: string): number | undefined {
  const value = element?.attrs[attribute];
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const conditionWords: Readonly<Record<string, string>> = {
  'remote-server-not-found': 'their server could not be found',
  'remote-server-timeout': 'their server did not answer',
  'service-unavailable': 'the contact cannot receive presence',
  'item-not-found': 'the address does not exist',
  'jid-malformed': 'the address is not valid',
  forbidden: 'the server refused to deliver it',
  'not-allowed': 'the server refused to deliver it',
  'subscription-required': 'a subscription is required',
  'recipient-unavailable': 'the contact is not available',
  'policy-violation': 'the server refused it by policy',
};

/** §4.6.3 / RFC 6120 §8.3: an error presence in words. */
export function presenceErrorText(stanza: Element): string {
  const { condition, text: raw } = stanzaErrorOf(stanza);
  const text = raw === undefined ? undefined : shortened(raw, maxStatusLength);
  const words = conditionWords[condition] ?? `the server reported an error (${condition})`;
  const sentence = `Presence failed: ${words}.`;
  return text ? `${sentence} “${text}”` : sentence;
}

/** A child's text, trimmed and bounded; undefined when absent or blank. */
function boundedText(child: Element | undefined): string | undefined {
  const value = child?.getText().trim();
  return value ? shortened(value, maxStatusLength) : undefined;
}

/** The children this module reads, the first of each as getChild() would find it, in one pass over the stanza (a sign-in brings thousands). */
interface PresenceChildren {
  show?: Element;
  status?: Element;
  priority?: Element;
  idle?: Element;
  delay?: Element;
  caps?: Element;
  mucUser?: Element;
}

function childrenOf(stanza: Element): PresenceChildren {
  const found: PresenceChildren = {};
  for (const child of stanza.children) {
    if (typeof child === 'string') continue;
    const name = child.getName();
    if (name === 'show') found.show ??= child;
    else if (name === 'status') found.status ??= child;
    else if (name === 'priority') found.priority ??= child;
    else if (name === 'idle' && found.idle === undefined && child.getNS() === NS_IDLE) found.idle = child;
    else if (name === 'delay' && found.delay === undefined && child.getNS() === NS_DELAY) found.delay = child;
    else if (name === 'c' && found.caps === undefined && child.getNS() === NS_CAPS) found.caps = child;
    else if (name === 'x' && found.mucUser === undefined && child.getNS() === NS_MUC_USER) found.mucUser = child;
  }
  return found;
}

/** Undefined for what this module does not handle (probes, MUC occupants, a presence without a valid 'from'). */
export function parsePresence(stanza: Element): ParsedPresence | undefined {
  const parsed = parseJid(stanza.attrs.from ?? '');
  if (!parsed.ok) return undefined;
  const { local, domain, resource = '' } = parsed.jid;
  const bare = local === undefined ? domain : `${local}@${domain}`;
  const type = stanza.attrs.type;
  const children = childrenOf(stanza);
  if (type === undefined || type === 'unavailable') {
    // XEP-0045 occupants are the group chat's business, not the roster's.
    if (children.mucUser) return undefined;
  }
  if (type === undefined) {
    const showText = children.show?.getText().trim() ?? '';
    const status = boundedText(children.status);
    const idleSince = stamp(children.idle, 'since');
    const caps = capsOf(children.caps);
    // Built field by field rather than by spreading: a sign-in brings thousands, parsed while the code is still cold.
    const presence: { -readonly [K in keyof Available]: Available[K] } = {
      resource,
      // §4.7.2.1: no <show/> (or an unknown one) means plainly available.
      show: shows.has(showText) ? (showText as Available['show']) : 'online',
      priority: parsePriority(children.priority?.getText() ?? null),
    };
    if (status !== undefined) presence.status = status;
    if (idleSince !== undefined) presence.idleSince = idleSince;
    return caps ? { kind: 'available', bare, presence, caps } : { kind: 'available', bare, presence };
  }
  if (type === 'unavailable') {
    // XEP-0319 §3 / XEP-0203: when the user was last active, if the unavailable presence says.
    const lastActive = stamp(children.idle, 'since') ?? stamp(children.delay, 'stamp');
    return { kind: 'unavailable', bare, resource, ...(lastActive === undefined ? {} : { lastActive }) };
  }
  if (type === 'error') return { kind: 'error', bare, message: presenceErrorText(stanza) };
  if (subscriptionTypes.has(type)) {
    const message = boundedText(children.status);
    return { kind: 'subscription', bare, type: type as SubscriptionType, ...(message === undefined ? {} : { message }) };
  }
  return undefined;
}
