// A connection double for module tests: records what is sent, answers iq requests, delivers stanzas, acks and session starts.
import xml, { type Element } from '@xmpp/xml';
import type { Connection, SessionInfo } from '../../../electron/core/xmpp/connection.ts';

type FakeConnection = Pick<Connection, 'send' | 'iq' | 'onStanza' | 'onAcked' | 'onSessionStart' | 'acknowledging'>;

function listenerSet<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add: (listener: (value: T) => void): (() => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (value: T) => {
      for (const listener of [...listeners]) listener(value);
    },
  };
}

export function fakeConnection(answer: (request: Element) => Element | Promise<Element> = () => xml('iq', { type: 'result' })) {
  /** Every stanza handed to send(), whatever became of it. */
  const sent: Element[] = [];
  const requests: Element[] = [];
  const stanzas = listenerSet<Element>();
  const acks = listenerSet<Element>();
  const sessions = listenerSet<SessionInfo>();
  /** What send() answers: written at once by default; tests make it hang or fail. */
  let write: (stanza: Element) => Promise<void> = () => Promise.resolve();
  let acknowledging = false;
  const connection: FakeConnection = {
    send: (stanza) => {
      sent.push(stanza);
      return write(stanza);
    },
    iq: async (request) => {
      requests.push(request);
      return answer(request);
    },
    onStanza: stanzas.add,
    onAcked: acks.add,
    onSessionStart: sessions.add,
    get acknowledging() {
      return acknowledging;
    },
  };
  /** Lets the handlers' promises settle. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Delivers an incoming stanza, then lets the handlers' promises settle. */
  const receive = async (stanza: Element) => {
    stanzas.emit(stanza);
    await settle();
  };
  /** XEP-0198: the server acknowledges the last stanza sent with this id. */
  const ack = async (id: string) => {
    const stanza = sent.findLast((each) => each.attrs.id === id);
    if (!stanza) throw new Error(`nothing with id ${id} was sent`);
    acks.emit(stanza);
    await settle();
  };
  const startSession = async (resumed: boolean) => {
    sessions.emit({ resumed });
    await settle();
  };
  return {
    connection,
    sent,
    requests,
    receive,
    ack,
    startSession,
    settle,
    /** Whether XEP-0198 is enabled on the (fake) stream. */
    setAcknowledging: (value: boolean) => void (acknowledging = value),
    setWrite: (next: (stanza: Element) => Promise<void>) => void (write = next),
  };
}
