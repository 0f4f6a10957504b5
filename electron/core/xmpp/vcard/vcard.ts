// XEP-0054 vcard-temp: the request for a contact's vCard and the text fields Causette shows, trimmed and bounded.
import xml, { type Element } from '@xmpp/xml';
import type { Vcard } from '../../../../shared/model/contact.ts';

export const NS_VCARD = 'vcard-temp';

const maxField = 500;
const maxNote = 2_000;

/** Text only: control characters out, whitespace runs kept short, length capped. */
export function cleanText(text: string | null | undefined, max = maxField): string | undefined {
  if (text === null || text === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (clean === '') return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** XEP-0054 §3.1: a get addressed to the contact's bare JID, answered by their server. */
export function buildVcardGet(to: string): Element {
  return xml('iq', { type: 'get', to }, xml('vCard', { xmlns: NS_VCARD }));
}

/** The first child of `name` that has `sub` text (EMAIL/USERID, TEL/NUMBER, ORG/ORGNAME). */
function nested(vcard: Element, name: string, sub: string): string | undefined {
  for (const element of vcard.getChildren(name)) {
    const text = cleanText(element.getChildText(sub));
    if (text !== undefined) return text;
  }
  return undefined;
}

// ADR parts in the order a postal address is read.
const addressParts = ['POBOX', 'EXTADD', 'STREET', 'LOCALITY', 'REGION', 'PCODE', 'CTRY'] as const;

function address(vcard: Element): string | undefined {
  for (const adr of vcard.getChildren('ADR')) {
    const parts = addressParts.flatMap((part) => cleanText(adr.getChildText(part)) ?? []);
    if (parts.length > 0) return cleanText(parts.join(', '));
  }
  return undefined;
}

/** The fields shown in the contact details; undefined when none has text. */
export function parseVcard(vcard: Element): Vcard | undefined {
  const fields: Vcard = {
    fullName: cleanText(vcard.getChildText('FN')),
    nickname: cleanText(vcard.getChildText('NICKNAME')),
    email: nested(vcard, 'EMAIL', 'USERID'),
    phone: nested(vcard, 'TEL', 'NUMBER'),
    organization: nested(vcard, 'ORG', 'ORGNAME'),
    role: cleanText(vcard.getChildText('ROLE')),
    url: cleanText(vcard.getChildText('URL')),
    birthday: cleanText(vcard.getChildText('BDAY')),
    address: address(vcard),
    note: cleanText(vcard.getChildText('DESC'), maxNote),
  };
  const present = Object.entries(fields).filter(([, value]) => value !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}
