// What "Go to" (Ctrl/Cmd+K) offers for what was typed: recent conversations first, then contacts, by name or address.
import type { Contact } from '../../../shared/model/contact.ts';
import type { Conversation } from '../../../shared/model/message.ts';
import { fold } from '../contacts/contact-rows.ts';
import { displayName } from '../presence/labels.ts';

export interface JumpTarget {
  readonly peer: string;
  readonly name: string;
  /** A contact, so its presence can be shown; a stranger's conversation has none. */
  readonly contact: Contact | undefined;
}

/** Enough to choose from with the keyboard; typing more narrows it down. */
export const MAX_TARGETS = 12;

export function jumpTargets(query: string, conversations: readonly Conversation[], contacts: ReadonlyMap<string, Contact> | undefined): readonly JumpTarget[] {
  const needle = fold(query.trim());
  const targets: JumpTarget[] = [];
  const seen = new Set<string>();
  const matches = (name: string, peer: string) => needle === '' || fold(name).includes(needle) || fold(peer).includes(needle);
  for (const conversation of conversations) {
    if (targets.length >= MAX_TARGETS) return targets;
    const contact = contacts?.get(conversation.peer);
    const name = contact ? displayName(contact) : conversation.peer;
    if (!matches(name, conversation.peer)) continue;
    seen.add(conversation.peer);
    targets.push({ peer: conversation.peer, name, contact });
  }
  // Nothing typed: the recent conversations alone, rather than the start of a long roster.
  if (!contacts || needle === '') return targets;
  const found: JumpTarget[] = [];
  for (const contact of contacts.values()) {
    const name = displayName(contact);
    if (!seen.has(contact.jid) && matches(name, contact.jid)) found.push({ peer: contact.jid, name, contact });
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  return [...targets, ...found.slice(0, MAX_TARGETS - targets.length)];
}
