// Contacts for the renderer's roster tests.
import type { Contact } from '../../../shared/model/contact.ts';

export function contact(jid: string, fields: Partial<Contact> = {}): Contact {
  return { jid, groups: [], subscription: 'both', pendingOut: false, approved: false, show: 'offline', resources: [], ...fields };
}
