// A roster item, its presence and its avatar's hash as the renderer sees a Contact.
import type { Contact } from '../../../../shared/model/contact.ts';
import type { RosterItem } from '../../model/roster-item.ts';

export type PresenceFields = Pick<Contact, 'show' | 'status' | 'resources' | 'lastSeen' | 'presenceError'>;

const offline: PresenceFields = { show: 'offline', resources: [] };

export function toContact(item: RosterItem, presence: PresenceFields = offline, avatarHash?: string): Contact {
  // Built field by field rather than by spreading: this runs for every contact of a roster of thousands.
  const contact: { -readonly [K in keyof Contact]: Contact[K] } = {
    jid: item.jid,
    groups: [...item.groups],
    subscription: item.subscription,
    pendingOut: item.ask,
    approved: item.approved,
    show: presence.show,
    resources: presence.resources,
  };
  if (item.name !== undefined) contact.name = item.name;
  if (presence.status !== undefined) contact.status = presence.status;
  if (presence.lastSeen !== undefined) contact.lastSeen = presence.lastSeen;
  if (presence.presenceError !== undefined) contact.presenceError = presence.presenceError;
  if (avatarHash !== undefined) contact.avatarHash = avatarHash;
  return contact;
}
