// Presence and subscription in words (RFC 6121 §4.7.2.1 show values, §3 subscription states).
import type { Contact, Subscription } from '../../../shared/model/contact.ts';
import type { OwnShow, Show } from '../../../shared/model/presence.ts';
import { i18n, locale } from '../../i18n/index.ts';

const showLabels: Readonly<Record<Show, () => string>> = {
  chat: () => i18n.t('presence.chat'),
  online: () => i18n.t('presence.online'),
  away: () => i18n.t('presence.away'),
  xa: () => i18n.t('presence.xa'),
  dnd: () => i18n.t('presence.dnd'),
  offline: () => i18n.t('presence.offline'),
};

/** How a contact's state reads: "Online", "Busy" for dnd, … */
export function showLabel(show: Show): string {
  return showLabels[show]();
}

/** The user's own choices, in the order the Status menu lists them. */
export const ownShowOptions: readonly OwnShow[] = ['online', 'chat', 'away', 'xa', 'dnd', 'invisible', 'offline'];

const ownShowLabels: Readonly<Record<OwnShow, () => string>> = {
  online: () => i18n.t('presence.own.online'),
  chat: () => i18n.t('presence.chat'),
  away: () => i18n.t('presence.away'),
  xa: () => i18n.t('presence.xa'),
  dnd: () => i18n.t('presence.own.dnd'),
  invisible: () => i18n.t('presence.own.invisible'),
  offline: () => i18n.t('presence.offline'),
};

export function ownShowLabel(show: OwnShow): string {
  return ownShowLabels[show]();
}

/** Whether the contact shares their presence with us (RFC 6121 §3: "to" or "both"). */
export function receivesPresence(subscription: Subscription): boolean {
  return subscription === 'to' || subscription === 'both';
}

/** The state shown in a row: without a subscription "Offline" would be a guess, so say so. */
export function contactStateLabel(contact: Contact): string {
  if (contact.presenceError !== undefined) return i18n.t('presence.error');
  if (!receivesPresence(contact.subscription)) return i18n.t('presence.notSharing');
  return showLabel(contact.show);
}

/** The class that colours the presence dot. */
export function stateClass(contact: Contact): string {
  if (contact.presenceError !== undefined) return 'presence-error';
  return receivesPresence(contact.subscription) ? `presence-${contact.show}` : 'presence-unknown';
}

const subscriptionWords: Readonly<Record<Subscription, () => string>> = {
  both: () => i18n.t('subscription.both'),
  to: () => i18n.t('subscription.to'),
  from: () => i18n.t('subscription.from'),
  none: () => i18n.t('subscription.none'),
};

/** The subscription state in sentences, with a pending request or a pre-approval when there is one. */
export function subscriptionLabel(contact: Contact): string {
  const parts = [subscriptionWords[contact.subscription]()];
  if (contact.pendingOut) parts.push(i18n.t('subscription.pendingOut'));
  const sharing = contact.subscription === 'from' || contact.subscription === 'both';
  if (contact.approved && !sharing) parts.push(i18n.t('subscription.preapproved'));
  return parts.join(' ');
}

/** The contact's displayed name: their roster name, else their address. */
export function displayName(contact: Pick<Contact, 'jid' | 'name'>): string {
  const name = contact.name?.trim();
  return name === undefined || name === '' ? contact.jid : name;
}

type SpanUnit = 'minute' | 'hour' | 'day';

/** A span of time in whole units (5 minutes, 3 hours, 2 days); undefined under a minute. */
function span(ms: number): { readonly value: number; readonly unit: SpanUnit } | undefined {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return undefined;
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}

/** A span in words in the current language: "5 minutes", "3 heures". */
function spanLabel(ms: number): string | undefined {
  const found = span(ms);
  return found && new Intl.NumberFormat(locale(), { style: 'unit', unit: found.unit, unitDisplay: 'long' }).format(found.value);
}

/** How long ago, in words (Intl.RelativeTimeFormat): "just now", "5 minutes ago", "il y a 2 jours". */
export function agoLabel(since: number, now: number): string {
  const found = span(now - since);
  if (!found) return i18n.t('time.justNow');
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'always' }).format(-found.value, found.unit);
}

/** XEP-0319 idle of an online contact, or when an offline one was last seen; undefined when unknown. */
export function lastSeenLabel(contact: Contact, now: number): string | undefined {
  if (contact.show !== 'offline') {
    const idleSince = contact.resources[0]?.idleSince;
    return idleSince === undefined ? undefined : i18n.t('presence.idleFor', { span: spanLabel(now - idleSince) ?? i18n.t('time.underMinute') });
  }
  return contact.lastSeen === undefined ? undefined : i18n.t('presence.lastSeen', { ago: agoLabel(contact.lastSeen, now) });
}
