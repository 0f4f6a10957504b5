// Checks what the "Add contact" form holds before asking Causette (which applies RFC 7622 in full).
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import { i18n } from '../../i18n/index.ts';
import { onOwnServer } from './own-server.ts';

export interface NewContact {
  readonly jid: string;
  readonly name?: string;
  readonly groups: string[];
}

export type CheckedContact =
  | { readonly ok: true; readonly value: NewContact }
  /** With a suggestion, the address lacked its server: the form offers the user's own. */
  | { readonly ok: false; readonly message: string; readonly suggestion?: string };

export function checkNewContact(address: string, name: string, group: string, ownJid: string, existing: ReadonlySet<string>): CheckedContact {
  if (address.trim() === '') return { ok: false, message: i18n.t('addContact.check.empty') };
  const parsed = parseJid(address);
  if (!parsed.ok) return { ok: false, message: i18n.t('addContact.check.invalid', { reason: parsed.message }) };
  if (parsed.jid.resource !== undefined) return { ok: false, message: i18n.t('addContact.check.resource') };
  const suggestion = onOwnServer(parsed.jid, ownJid);
  if (suggestion !== undefined) return { ok: false, message: i18n.t('addContact.check.noServer', { suggestion }), suggestion };
  const jid = formatJid(parsed.jid);
  const own = parseJid(ownJid);
  if (own.ok && formatJid(bareJid(own.jid)) === jid) return { ok: false, message: i18n.t('addContact.check.own') };
  if (existing.has(jid)) return { ok: false, message: i18n.t('addContact.check.exists', { jid }) };
  const trimmedName = name.trim();
  const trimmedGroup = group.trim();
  return {
    ok: true,
    value: { jid, ...(trimmedName === '' ? {} : { name: trimmedName }), groups: trimmedGroup === '' ? [] : [trimmedGroup] },
  };
}
