// Every element in and out goes to the log, with SASL payloads and passwords removed first.
import type { Client } from '@xmpp/client-core';
import { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_REGISTER = 'jabber:iq:register';
// RFC 6120 §6.4: these carry credentials or proofs derived from them.
const saslSecrets: ReadonlySet<string> = new Set(['auth', 'response', 'challenge', 'success']);
const redactedText = '[redacted]';

function isSecret(element: Element, parent: Element | undefined): boolean {
  if (element.attrs.xmlns === NS_SASL && saslSecrets.has(element.name)) return true;
  // XEP-0077 §3.1: registration and password changes carry the password in clear.
  return element.name === 'password' && parent?.attrs.xmlns === NS_REGISTER;
}

function scrub(element: Element, parent: Element | undefined): Element {
  const secret = isSecret(element, parent);
  const copy = new Element(element.name, { ...element.attrs });
  let hadText = false;
  for (const child of element.children) {
    if (typeof child !== 'string') copy.append(scrub(child, element));
    else if (secret) hadText ||= child.length > 0;
    else copy.append(child);
  }
  if (hadText) copy.append(redactedText);
  return copy;
}

const mayHoldSecrets = (element: Element) =>
  element.attrs.xmlns === NS_SASL || (element.name === 'iq' && element.getChild('query', NS_REGISTER) !== undefined);

/** The element as XML text, safe to write to a log. */
export function redactedXml(element: Element): string {
  return (mayHoldSecrets(element) ? scrub(element, undefined) : element).toString();
}

export function logWire(entity: Client, logger: Logger, account: string): void {
  // Turning a stanza into text costs as much as parsing it: only when the logger keeps it.
  const keeps = () => logger.keepsStanzas?.() !== false;
  entity.on('element', (element: Element) => {
    if (keeps()) logger.stanza('in', account, redactedXml(element));
  });
  entity.on('send', (element: Element) => {
    if (keeps()) logger.stanza('out', account, redactedXml(element));
  });
}
