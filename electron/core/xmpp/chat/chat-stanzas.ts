// What we send in one-to-one chat (RFC 6121 §5): messages and the small stanzas that refer to them.
import xml, { type Element } from '@xmpp/xml';
import type { ChatState } from '../../../../shared/model/message.ts';
import type { CorrectionArgs, DisplayedArgs, ReactionsArgs, Reference, RetractionArgs } from '../../model/reference.ts';

export const NS_SID = 'urn:xmpp:sid:0';
export const NS_DELAY = 'urn:xmpp:delay';
export const NS_RECEIPTS = 'urn:xmpp:receipts';
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';
export const NS_CHAT_STATES = 'http://jabber.org/protocol/chatstates';
export const NS_CORRECT = 'urn:xmpp:message-correct:0';
export const NS_RETRACT = 'urn:xmpp:message-retract:1';
export const NS_REACTIONS = 'urn:xmpp:reactions:0';
export const NS_REPLY = 'urn:xmpp:reply:0';
export const NS_FALLBACK = 'urn:xmpp:fallback:0';
export const NS_HINTS = 'urn:xmpp:hints';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
export const NS_MDS = 'urn:xmpp:mds:displayed:0';

/** What we understand, for our disco#info and caps (XEP-0030 §3, XEP-0115): peers decide what to send by these. */
export const CHAT_FEATURES: readonly string[] = [
  NS_RECEIPTS,
  NS_MARKERS,
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_RETRACT,
  NS_REACTIONS,
  NS_REPLY,
  NS_SID,
  // XEP-0490 §4 (XEP-0163 §4.3): our other devices' read state.
  `${NS_MDS}+notify`,
];

/** What a client without XEP-0424 shows instead of a retraction. */
const RETRACTION_FALLBACK = 'This person attempted to retract a previous message, but it’s unsupported by your client.';

/** XEP-0461 §3 with XEP-0428: the quote as "> " lines before the text, marked as fallback by code point offsets (XEP-0426). */
export function quoteFallback(quote: string): string {
  return `${quote
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}\n`;
}

export interface OutgoingChat {
  readonly to: string;
  /** Also the XEP-0359 origin-id. */
  readonly id: string;
  readonly body: string;
  /** XEP-0461: the full JID of the quoted message's author and the quoted message's id. */
  readonly reply?: { readonly to: string; readonly id: string; readonly quote: string };
  /** To a room's occupant (XEP-0045 §7.5). */
  readonly private?: true;
}

export function buildChatMessage(message: OutgoingChat): Element {
  const fallback = message.reply ? quoteFallback(message.reply.quote) : '';
  return xml(
    'message',
    { type: 'chat', to: message.to, id: message.id },
    xml('body', {}, fallback + message.body),
    xml('origin-id', { xmlns: NS_SID, id: message.id }),
    // XEP-0184 §5.1 and XEP-0333 §3: ask for a delivery receipt and for read markers.
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('markable', { xmlns: NS_MARKERS }),
    // XEP-0085 §5.2: a message says we are active in the conversation.
    xml('active', { xmlns: NS_CHAT_STATES }),
    // XEP-0045 §7.5: a private message to a room's occupant says so.
    message.private === true ? xml('x', { xmlns: NS_MUC_USER }) : undefined,
    ...(message.reply
      ? [
          xml('reply', { xmlns: NS_REPLY, to: message.reply.to, id: message.reply.id }),
          xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '0', end: String([...fallback].length) })),
        ]
      : []),
  );
}

/** XEP-0308 §3: the corrected text of the message whose id is `replaces`. */
export function buildCorrection(args: CorrectionArgs): Element {
  return xml(
    'message',
    { type: 'chat', to: args.to, id: args.id },
    xml('body', {}, args.body),
    xml('replace', { xmlns: NS_CORRECT, id: args.replaces }),
    xml('origin-id', { xmlns: NS_SID, id: args.id }),
    xml('active', { xmlns: NS_CHAT_STATES }),
  );
}

/** XEP-0424 §3: retracts the message whose origin-id is `target`, with a fallback body and a store hint. */
export function buildRetraction(args: RetractionArgs): Element {
  return xml(
    'message',
    { type: 'chat', to: args.to, id: args.id },
    xml('retract', { xmlns: NS_RETRACT, id: args.target }),
    xml('fallback', { xmlns: NS_FALLBACK, for: NS_RETRACT }),
    xml('body', {}, RETRACTION_FALLBACK),
    xml('origin-id', { xmlns: NS_SID, id: args.id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** XEP-0444 §3: our whole set of reactions to the message `target` (empty removes them all). */
export function buildReactions(args: ReactionsArgs): Element {
  return xml(
    'message',
    { type: 'chat', to: args.to, id: args.id },
    xml('reactions', { xmlns: NS_REACTIONS, id: args.target }, ...args.emojis.map((emoji) => xml('reaction', {}, emoji))),
    xml('origin-id', { xmlns: NS_SID, id: args.id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** XEP-0184 §5.2: the message `of` reached this device; sent to the full JID it came from. */
export function buildReceipt(args: { to: string; id: string; of: string }): Element {
  return xml('message', { to: args.to, id: args.id }, xml('received', { xmlns: NS_RECEIPTS, id: args.of }));
}

/** XEP-0333 §4: the user has seen the message `of` (and every earlier one). */
export function buildDisplayed(args: DisplayedArgs): Element {
  return xml('message', { type: 'chat', to: args.to, id: args.id }, xml('displayed', { xmlns: NS_MARKERS, id: args.of }), xml('store', { xmlns: NS_HINTS }));
}

/** XEP-0085 §5: a standalone chat state, never archived (XEP-0334 no-store). */
export function buildChatState(args: { to: string; id: string; state: ChatState }): Element {
  return xml('message', { type: 'chat', to: args.to, id: args.id }, xml(args.state, { xmlns: NS_CHAT_STATES }), xml('no-store', { xmlns: NS_HINTS }));
}

/** The stanza a kept reference stands for. */
export function buildReference(reference: Reference): Element {
  switch (reference.kind) {
    case 'correction':
      return buildCorrection(reference.args);
    case 'retraction':
      return buildRetraction(reference.args);
    case 'reactions':
      return buildReactions(reference.args);
    case 'displayed':
      return buildDisplayed(reference.args);
  }
}
