// RFC 6121 §5 one-to-one messages, with XEP-0359 unique and stable ids (origin-id, stanza-id).
import xml, { type Element } from '@xmpp/xml';
import { parseJid, formatJid, bareJid } from '../../../../shared/model/jid.ts';

export const NS_SID = 'urn:xmpp:sid:0';
export const NS_DELAY = 'urn:xmpp:delay';

export interface IncomingChat {
  /** The sender's bare JID. */
  readonly from: string;
  readonly body: string;
  readonly id?: string;
  readonly originId?: string;
  readonly stanzaId?: string;
  /** XEP-0203: when the message was first sent (offline storage), epoch ms. */
  readonly delayedAt?: number;
}

export function buildChatMessage(args: { to: string; id: string; body: string }): Element {
  return xml('message', { type: 'chat', to: args.to, id: args.id }, xml('body', {}, args.body), xml('origin-id', { xmlns: NS_SID, id: args.id }));
}

function bare(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseJid(text);
  if (!parsed.ok) return undefined;
  return formatJid(bareJid(parsed.jid));
}

/** A chat or normal message with a body; undefined for anything else (errors, groupchat, headlines, bodiless). */
export function parseChatMessage(stanza: Element, ownJid: string): IncomingChat | undefined {
  if (stanza.name !== 'message') return undefined;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return undefined;
  const body = stanza.getChildText('body');
  if (body === null || body === '') return undefined;
  const from = bare(stanza.attrs.from);
  if (from === undefined || from === ownJid) return undefined;
  const originId = stanza.getChild('origin-id', NS_SID)?.attrs.id;
  // XEP-0359 §3.1: a stanza-id is trusted only when our own server (our bare JID) put it there.
  const stanzaId = stanza.getChildren('stanza-id', NS_SID).find((child) => child.attrs.by === ownJid)?.attrs.id;
  const stamp = Date.parse(String(stanza.getChild('delay', NS_DELAY)?.attrs.stamp ?? ''));
  return {
    from,
    body,
    ...(Number.isFinite(stamp) ? { delayedAt: stamp } : {}),
    ...(stanza.attrs.id === undefined ? {} : { id: String(stanza.attrs.id) }),
    ...(typeof originId === 'string' && originId !== '' ? { originId } : {}),
    ...(typeof stanzaId === 'string' && stanzaId !== '' ? { stanzaId } : {}),
  };
}
