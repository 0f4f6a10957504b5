// The end of the incoming pipeline: answer the server's pings, hand every other stanza to the modules above.
import type { MiddlewareApi } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';

export const NS_PING = 'urn:xmpp:ping';

export type StanzaListener = (stanza: Element) => void;

export function setupDispatch({ middleware, logger }: { readonly middleware: MiddlewareApi; readonly logger: Logger }): Set<StanzaListener> {
  const listeners = new Set<StanzaListener>();
  middleware.use(({ stanza }) => {
    const { name } = stanza;
    const type = stanza.attrs.type;
    if (name !== 'message' && name !== 'presence' && name !== 'iq') return undefined;
    // Answers to our requests were taken by the iq caller; a late or unknown one is dropped (RFC 6120 §8.2.3).
    if (name === 'iq' && (type === 'result' || type === 'error')) return undefined;
    // XEP-0199 §4.1: the reply the middleware returns is sent back.
    if (name === 'iq' && type === 'get' && stanza.getChild('ping', NS_PING)) {
      return xml('iq', { type: 'result', id: stanza.attrs.id, to: stanza.attrs.from });
    }
    for (const listener of listeners) {
      try {
        listener(stanza);
      } catch (error) {
        logger.error('a stanza listener failed', { stanza: name, error: String(error) });
      }
    }
    return undefined;
  });
  return listeners;
}
