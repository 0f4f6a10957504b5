// XEP-0297 forwarded stanzas as carbons (XEP-0280 §6) and archive results (XEP-0313 §4.2) carry them, and who may send them.
import type { Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import { NS_DELAY } from '../chat/chat-stanzas.ts';

export const NS_FORWARD = 'urn:xmpp:forward:0';

export interface Forwarded {
  /** The <message/> as its sender wrote it. */
  readonly message: Element;
  /** XEP-0203 inside the <forwarded/>: when the server first saw it, epoch ms. */
  readonly timestamp?: number;
}

/** The message inside a <forwarded/> (§3), with its delay when it has one; undefined when it forwards no message. */
export function parseForwarded(forwarded: Element | undefined): Forwarded | undefined {
  if (forwarded?.name !== 'forwarded' || forwarded.attrs.xmlns !== NS_FORWARD) return undefined;
  const message = forwarded.getChild('message');
  if (!message) return undefined;
  const stamp = Date.parse(String(forwarded.getChild('delay', NS_DELAY)?.attrs.stamp ?? ''));
  return Number.isFinite(stamp) ? { message, timestamp: stamp } : { message };
}

/** Whether a stanza comes from this bare JID (our account, a room): no 'from' (our server on our behalf) when allowed, else the bare JID exactly. */
export function fromBareJid(from: string | undefined, expected: string, allowNone: boolean): boolean {
  if (from === undefined) return allowNone;
  const parsed = parseJid(from);
  return parsed.ok && parsed.jid.resource === undefined && formatJid(bareJid(parsed.jid)) === expected;
}
