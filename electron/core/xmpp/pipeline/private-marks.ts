// Marks that message steps leave for the parsers (say, "this was decrypted, from device N"): in a namespace of our own that
// never goes on the wire, and stripped from every message before the steps run, so that no sender can fake one.
import xml, { type Element } from '@xmpp/xml';

export const NS_PRIVATE_MARKS = 'urn:causette:private-marks:0';

/** A copy of the message without any child in our private namespace (at any depth). */
export function withoutPrivateMarks(message: Element): Element {
  const children = message.children.flatMap((child): (string | Element)[] => {
    if (typeof child === 'string') return [child];
    return child.attrs.xmlns === NS_PRIVATE_MARKS ? [] : [withoutPrivateMarks(child)];
  });
  return xml(message.name, { ...message.attrs }, ...children);
}

/** Left by a decryption step: the message was end-to-end encrypted, by the sender's device `device`. */
export const ENCRYPTION_MARK = 'e2e';

export interface EncryptionMark {
  readonly device: number;
  /** It could not be decrypted: the body says so instead of the sender's text. */
  readonly undecryptable: boolean;
  /** In a room: the real bare JID it was decrypted as from (the occupant's, XEP-0045 §7.2.3), whose device `device` is. */
  readonly jid?: string;
}

export function parseEncryptionMark(message: Element): EncryptionMark | undefined {
  const mark = message.getChild(ENCRYPTION_MARK, NS_PRIVATE_MARKS);
  if (!mark) return undefined;
  const device = Number(mark.attrs.device);
  const jid = typeof mark.attrs.jid === 'string' && mark.attrs.jid !== '' ? mark.attrs.jid : undefined;
  return { device: Number.isInteger(device) && device >= 0 ? device : 0, undecryptable: mark.attrs.undecryptable === 'true', ...(jid === undefined ? {} : { jid }) };
}
