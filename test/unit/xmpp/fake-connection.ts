// A connection double for module tests: records what is sent, answers iq requests with a scripted reply, delivers stanzas.
import xml, { type Element } from '@xmpp/xml';
import type { Connection } from '../../../electron/core/xmpp/connection.ts';

export function fakeConnection(answer: (request: Element) => Element | Promise<Element> = () => xml('iq', { type: 'result' })) {
  const sent: Element[] = [];
  const requests: Element[] = [];
  const listeners = new Set<(stanza: Element) => void>();
  const connection: Pick<Connection, 'send' | 'iq' | 'onStanza'> = {
    send: (stanza) => Promise.resolve(void sent.push(stanza)),
    iq: async (request) => {
      requests.push(request);
      return answer(request);
    },
    onStanza: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  /** Delivers an incoming stanza, then lets the handlers' promises settle. */
  const receive = async (stanza: Element) => {
    for (const listener of listeners) listener(stanza);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { connection, sent, requests, receive };
}
