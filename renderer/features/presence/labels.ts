// Presence and subscription in words (RFC 6121 §4.7.2.1 show values, §3 subscription states).
import type { Contact, Subscription } from '../../../shared/model/contact.ts';
import type { OwnShow, Show } from '../../../shared/model/presence.ts';

const showLabels: Readonly<Record<Show, string>> = {
  chat: 'Free for chat',
  online: 'Online',
  away: 'Away',
  xa: 'Extended away',
  dnd: 'Busy',
  offline: 'Offline',
};

/** How a contact's state reads: "Online", "Busy" for dnd, … */
export function showLabel(show: Show): string {
  return showLabels[show];
}

/** The user's own choices, in the order the Status menu lists them. */
export const ownShowOptions: readonly OwnShow[] = ['online', 'chat', 'away', 'xa', 'dnd', 'invisible', 'offline'];

const ownShowLabels: Readonly<Record<OwnShow, string>> = {
  online: 'Available',
  chat: 'Free for chat',
  away: 'Away',
  xa: 'Extended away',
  dnd: 'Do not disturb',
  invisible: 'Invisible',
  offline: 'Offline',
};

export function ownShowLabel(show: OwnShow): string {
  return ownShowLabels[show];
}

/** Whether the contact shares their presence with us (RFC 6121 §3: "to" or "both"). */
export function receivesPresence(subscription: Subscription): boolean {
  return subscription === 'to' || subscription === 'both';
}

/** The state shown in a row: without a subscription "Offline" would be a guess, so say so. */
export function contactStateLabel(contact: Contact): string {
  if (contact.presenceError !== undefined) return 'Presence error';
  if (!receivesPresence(contact.subscription)) return 'Not sharing presence';
  return showLabel(contact.show);
}

/** The class that colours the presence dot. */
export function stateClass(contact: Contact): string {
  if (contact.presenceError !== undefined) return 'presence-error';
  return receivesPresence(contact.subscription) ? `presence-${contact.show}` : 'presence-unknown';
}

const subscriptionWords: Readonly<Record<Subscription, string>> = {
  both: 'You see each other’s presence.',
  to: 'You see their presence; they do not see yours.',
  from: 'They see your presence; you do not see theirs.',
  none: 'Neither of you sees the other’s presence.',
};

/** The subscription state in sentences, with a pending request or a pre-approval when there is one. */
export function subscriptionLabel(contact: Contact): string {
  const parts = [subscriptionWords[contact.subscription]];
  if (contact.pendingOut) parts.push('Your request to see their presence is waiting for their approval.');
  const sharing = contact.subscription === 'from' || contact.subscription === 'both';
  if (contact.approved && !sharing) parts.push('You have pre-approved sharing your presence with them.');
  return parts.join(' ');
}

/** The contact's displayed name: their roster name, else their address. */
export function displayName(contact: Pick<Contact, 'jid' | 'name'>): string {
  const name = contact.name?.trim();
  return name === undefined || name === '' ? contact.jid : name;
}

/** A span of time in words: "5 minutes", "3 hours", "2 days"; undefined under a minute. */
function spanLabel(ms: number): string | undefined {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return undefined;
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** How long ago, in words: "just now", "5 minutes ago", "2 days ago". */
export function agoLabel(since: number, now: number): string {
  const span = spanLabel(now - since);
  return span === undefined ? 'just now' : `${span} ago`;
}

/** XEP-0319 idle of an online contact, or when an offline one was last seen; undefined when unknown. */
export function lastSeenLabel(contact: Contact, now: number): string | undefined {
  if (contact.show !== 'offline') {
    const idleSince = contact.resources[0]?.idleSince;
    return idleSince === undefined ? undefined : `Idle for ${spanLabel(now - idleSince) ?? 'less than a minute'}`;
  }
  return contact.lastSeen === undefined ? undefined : `Last seen ${agoLabel(contact.lastSeen, now)}`;
}
