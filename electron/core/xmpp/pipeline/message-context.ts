// Where a message's content came from, for the steps and the chat that apply it.

export type MessageSource = 'live' | 'carbon' | 'archive';

export interface MessageContext {
  readonly source: MessageSource;
  /** XEP-0313: the bare JID of the archive it was read from (our account, or a room). */
  readonly archive?: string;
  /** XEP-0313: the archive's id of the message (its XEP-0359 stanza-id by the archive). */
  readonly stanzaId?: string;
  /** When the server received it (the forwarded XEP-0203 delay), epoch ms. */
  readonly timestamp?: number;
}
