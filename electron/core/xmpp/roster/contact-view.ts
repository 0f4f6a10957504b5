// A roster item, its presence and its avatar's hash as the renderer sees a Contact.
import type { Contact } from '../../../../shared/model/contact.ts';
import type { RosterItem } from '../../model/roster-item.ts';

export type PresenceFields = Pick<Contact, 'show' | 'status' | 'resources' | 'lastSeen' | 'presenceError'>;

const offline: PresenceFields = { show: 'offline', resources: [] };

export function toContact(item: RosterItem, presence: PresenceFields = offline, avatarHash?: string): Contact {
  return {
    jid: item.jid,
    ...(item.name === undefined ? {} : { name: item.name }),
    groups: [...item.groups],
    subscription: item.subscription,
    pendingOut: item.ask,
    approved: item.approved,
    ...presence,
    ...(avatarHash === undefined ? {} : { avatarHash }),
  };
}
