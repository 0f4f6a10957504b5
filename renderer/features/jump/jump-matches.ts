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
  for (const entry of foldedContacts(contacts)) {
    if (!seen.has(entry.target.peer) && (entry.name.includes(needle) || entry.jid.includes(needle))) found.push(entry.target);
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  return [...targets, ...found.slice(0, MAX_TARGETS - targets.length)];
}

interface FoldedContact {
  readonly target: JumpTarget;
  readonly name: string;
  readonly jid: string;
}

/** Each roster (a new map at every change) folded once, not at every key typed: a roster may hold 50,000 contacts. */
const folded = new WeakMap<ReadonlyMap<string, Contact>, readonly FoldedContact[]>();

function foldedContacts(contacts: ReadonlyMap<string, Contact>): readonly FoldedContact[] {
  let entries = folded.get(contacts);
  if (!entries) {
    entries = [...contacts.values()].map((contact) => {
      const name = displayName(contact);
      return { target: { peer: contact.jid, name, contact }, name: fold(name), jid: fold(contact.jid) };
    });
    folded.set(contacts, entries);
  }
  return entries;
}
