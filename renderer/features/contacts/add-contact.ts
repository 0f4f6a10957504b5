// Checks what the "Add contact" form holds before asking Causette (which applies RFC 7622 in full).
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';

export interface NewContact {
  readonly jid: string;
  readonly name?: string;
  readonly groups: string[];
}

export type CheckedContact = { readonly ok: true; readonly value: NewContact } | { readonly ok: false; readonly message: string };

export function checkNewContact(address: string, name: string, group: string, ownJid: string, existing: ReadonlySet<string>): CheckedContact {
  if (address.trim() === '') return { ok: false, message: 'Enter the contact’s address, like name@example.org.' };
  const parsed = parseJid(address);
  if (!parsed.ok) return { ok: false, message: `That address cannot be used: ${parsed.message}.` };
  if (parsed.jid.resource !== undefined) return { ok: false, message: 'A contact’s address has no “/” part: use name@server.' };
  const jid = formatJid(parsed.jid);
  const own = parseJid(ownJid);
  if (own.ok && formatJid(bareJid(own.jid)) === jid) return { ok: false, message: 'That is your own address.' };
  if (existing.has(jid)) return { ok: false, message: `${jid} is already in your contacts.` };
  const trimmedName = name.trim();
  const trimmedGroup = group.trim();
  return {
    ok: true,
    value: { jid, ...(trimmedName === '' ? {} : { name: trimmedName }), groups: trimmedGroup === '' ? [] : [trimmedGroup] },
  };
}
