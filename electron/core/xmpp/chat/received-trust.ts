// What a received message says about itself that only our own server may vouch for: when it was sent (XEP-0203 §4, §8)
// and the archive's id (XEP-0359 §3.1). Anything else takes the time it was received here.
import type { MessageContext } from '../pipeline/message-context.ts';
import type { ParsedMessage } from './message-parse.ts';

export interface ServerTrust {
  /** Our account's bare JID; its domain is our server. */
  readonly ownJid: string;
  /** Our server announces urn:xmpp:sid:0 or MAM, so the stanza-ids it sets mean something (XEP-0359 §3.1). */
  readonly stanzaIds: () => boolean;
  readonly now: () => number;
}

/**
 * A delay counts when our server (or our account) stamped it, and never later than `now`: the moment the stanza arrived,
 * so that messages that arrive together keep their order however long each takes to decrypt.
 */
export function receivedAt(parsed: ParsedMessage, context: MessageContext, trust: ServerTrust, now: number): number {
  // Carbons and archive results carry the server's own delay on the wrapper.
  if (context.timestamp !== undefined) return Math.min(context.timestamp, now);
  const { delay } = parsed;
  const domain = trust.ownJid.slice(trust.ownJid.indexOf('@') + 1);
  if (delay === undefined || (delay.from !== domain && delay.from !== trust.ownJid)) return now;
  return Math.min(delay.at, now);
}

/** The message with a stanza-id only where our server's ids are trusted; the archive's own id always is. */
export function withTrustedIds(parsed: ParsedMessage, context: MessageContext, trust: ServerTrust): ParsedMessage {
  if (parsed.stanzaId === undefined || context.stanzaId !== undefined || trust.stanzaIds()) return parsed;
  const rest: { -readonly [K in keyof ParsedMessage]: ParsedMessage[K] } = { ...parsed };
  delete rest.stanzaId;
  return rest;
}
