// A connection double for module tests: records what is sent, answers iq requests, delivers stanzas through the real
// stanza pipeline, acks and session starts.
import xml, { type Element } from '@xmpp/xml';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import type { Connection, SessionInfo } from '../../../electron/core/xmpp/connection.ts';
import { createStanzaPipeline } from '../../../electron/core/xmpp/pipeline/stanza-pipeline.ts';

type FakeConnection = Pick<Connection, 'send' | 'iq' | 'pipeline' | 'onStanza' | 'onAcked' | 'onSessionStart' | 'acknowledging'>;

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
  const pipeline = createStanzaPipeline(silentLogger);
  /** What the last stanzas' handling came to: a failure is what would keep it from being acknowledged (XEP-0198). */
  const handled: Promise<void>[] = [];
  const acks = listenerSet<Element>();
  const sessions = listenerSet<SessionInfo>();
  /** What send() answers: written at once by default; tests make it hang or fail. */
  let write: (stanza: Element) => Promise<void> = () => Promise.resolve();
  let acknowledging = false;
  const connection: FakeConnection = {
    send: async (original) => {
      sent.push(original);
      const writer = write;
      const stanza = await pipeline.prepareOutgoing(original);
      if (stanza) await writer(stanza);
    },
    iq: async (request) => {
      requests.push(request);
      return answer(request);
    },
    pipeline,
    onStanza: (listener) => pipeline.handle({ stanza: '*' }, listener),
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
    const handling = pipeline.receive(stanza);
    handled.push(handling);
    handling.catch(() => undefined);
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
    /** Settles when every stanza received so far was handled; rejects with the first failure. */
    handledAll: () => Promise.all(handled).then(() => undefined),
    pipeline,
    ack,
    startSession,
    settle,
    /** Whether XEP-0198 is enabled on the (fake) stream. */
    setAcknowledging: (value: boolean) => void (acknowledging = value),
    setWrite: (next: (stanza: Element) => Promise<void>) => void (write = next),
  };
}
