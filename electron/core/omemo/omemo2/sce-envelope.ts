// The SCE envelope that OMEMO 2 encrypts (XEP-0420 §4, XEP-0384 v0.8 §4.3): the stanza's content elements, random
// padding (rpad, required), the sender's bare JID (from, checked on receipt against the stanza's sender) and, when given,
// when it was sent (time, §5.5.1: it keeps the server from reordering messages of different devices).
import { randomBytes, randomInt } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { Omemo2Error } from './errors.ts';
import { NS_SCE } from './namespaces.ts';

export interface EnvelopeContent {
  /** Elements that would otherwise sit in the stanza: a body, a reply, a correction… */
  readonly content: readonly Element[];
  readonly from: string;
  /** The room or contact it was meant for, when given (XEP-0420 §4.2). */
  readonly to?: string | undefined;
  /** When it was written (XEP-0420 §4.2, XEP-0082 date-time); on receipt, left unread. */
  readonly time?: Date | undefined;
}

/** Up to 200 characters of padding, so the ciphertext's length says little about the message's (XEP-0420 §4.2). */
const padding = (): string => randomBytes(150).toString('base64').slice(0, randomInt(1, 201));

export function buildEnvelope({ content, from, to, time }: EnvelopeContent): Uint8Array {
  const envelope = xml(
    'envelope',
    { xmlns: NS_SCE },
    xml('content', {}, ...content),
    xml('rpad', {}, padding()),
    to === undefined ? undefined : xml('to', { jid: to }),
    xml('from', { jid: from }),
    time === undefined ? undefined : xml('time', { stamp: time.toISOString() }),
  );
  return new Uint8Array(Buffer.from(envelope.toString(), 'utf8'));
}

/** A body as the envelope carries it: in the client namespace, as it would be in the stanza. */
export const envelopeBody = (text: string): Element => xml('body', { xmlns: 'jabber:client' }, text);

/** The envelope of a decrypted payload; `sender` is the bare JID the stanza came from, which its <from> must name. */
export function parseEnvelope(plaintext: Uint8Array, sender: string): EnvelopeContent {
  let envelope: Element;
  try {
    envelope = parse(Buffer.from(plaintext).toString('utf8'));
  } catch {
    throw new Omemo2Error('malformed-message', 'The decrypted payload is not XML.');
  }
  const content = envelope.getChild('content', NS_SCE);
  if (!envelope.is('envelope', NS_SCE) || !content) throw new Omemo2Error('malformed-message', 'The decrypted payload is not an SCE envelope.');
  const from = envelope.getChild('from', NS_SCE)?.attrs.jid;
  if (from?.toLowerCase() !== sender.toLowerCase()) {
    throw new Omemo2Error('sender-mismatch', 'The envelope names another sender than the stanza.', { from: from ?? '', sender });
  }
  const to = envelope.getChild('to', NS_SCE)?.attrs.jid;
  return { content: content.getChildElements(), from, ...(to === undefined ? {} : { to }) };
}
