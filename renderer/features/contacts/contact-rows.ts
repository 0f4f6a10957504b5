// The contact list as flat rows for the virtual list: groups by name, online contacts first, then by name.
import type { Contact } from '../../../shared/model/contact.ts';
import { displayName } from '../presence/labels.ts';

/** Where contacts without a roster group go. */
export const ungroupedName = 'Contacts';

export interface ContactGroup {
  readonly name: string;
  readonly contacts: readonly Contact[];
  readonly online: number;
}

export type Row =
  | { readonly kind: 'group'; readonly key: string; readonly group: ContactGroup; readonly expanded: boolean }
  | { readonly kind: 'contact'; readonly key: string; readonly group: string; readonly contact: Contact };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function isOnline(contact: Contact): boolean {
  return contact.show !== 'offline';
}

/** Online before offline, then by the displayed name, then by address so the order is stable. */
export function compareContacts(a: Contact, b: Contact): number {
  const online = Number(isOnline(b)) - Number(isOnline(a));
  return online || collator.compare(displayName(a), displayName(b)) || collator.compare(a.jid, b.jid);
}

/** Case- and accent-insensitive match on the name or the address. */
export function matchesFilter(contact: Contact, query: string): boolean {
  const needle = fold(query.trim());
  return needle === '' || fold(displayName(contact)).includes(needle) || fold(contact.jid).includes(needle);
}

/** Case and accents set aside, for matching what was typed. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Groups sorted by name, "Contacts" (no group) last; a contact in several groups appears in each. */
export function groupContacts(contacts: Iterable<Contact>, query = ''): readonly ContactGroup[] {
  const byGroup = new Map<string, Contact[]>();
  for (const contact of contacts) {
    if (!matchesFilter(contact, query)) continue;
    const names = contact.groups.length === 0 ? [ungroupedName] : new Set(contact.groups);
    for (const name of names) {
      const list = byGroup.get(name);
      if (list) list.push(contact);
      else byGroup.set(name, [contact]);
    }
  }
  const names = [...byGroup.keys()].sort((a, b) => Number(a === ungroupedName) - Number(b === ungroupedName) || collator.compare(a, b));
  return names.map((name) => {
    const list = (byGroup.get(name) ?? []).sort(compareContacts);
    return { name, contacts: list, online: list.filter(isOnline).length };
  });
}

/** One header row per group, then its contacts unless the group is collapsed. */
export function contactRows(groups: readonly ContactGroup[], collapsed: ReadonlySet<string>): readonly Row[] {
  const rows: Row[] = [];
  for (const group of groups) {
    const expanded = !collapsed.has(group.name);
    rows.push({ kind: 'group', key: `g\u001f${group.name}`, group, expanded });
    if (!expanded) continue;
    for (const contact of group.contacts) {
      rows.push({ kind: 'contact', key: `c\u001f${group.name}\u001f${contact.jid}`, group: group.name, contact });
    }
  }
  return rows;
}

/** "Friends, Work ,Friends" → ["Friends", "Work"]: trimmed, empty parts and repeats dropped. */
export function parseGroups(text: string): string[] {
  const groups: string[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name !== '' && !groups.includes(name)) groups.push(name);
  }
  return groups;
}
