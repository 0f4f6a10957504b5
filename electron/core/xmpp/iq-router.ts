// Incoming iq get/set routed by payload (RFC 6120 §8.2.3); what nobody handles is refused with service-unavailable (§8.4).
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../log/logger.ts';
import type { Connection } from './connection.ts';

export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

export type ErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

/** Thrown by a handler to answer with this error (RFC 6120 §8.3.2). */
export class IqReplyError extends Error {
  readonly type: ErrorType;
  readonly condition: string;
  /** An application-specific condition beside the stanza one (RFC 6120 §8.3.4), e.g. XEP-0166 §8's. */
  readonly specific: Element | undefined;
  constructor(type: ErrorType, condition: string, specific?: Element) {
    super(condition);
    this.name = 'IqReplyError';
    this.type = type;
    this.condition = condition;
    this.specific = specific;
  }
}

/** Returns the result's payload, or undefined for an empty result. */
export type IqHandler = (stanza: Element, payload: Element) => Element | undefined | Promise<Element | undefined>;

/** §8.3: an error answer to `stanza`. */
export function buildIqError(stanza: Element, type: ErrorType, condition: string, specific?: Element): Element {
  return xml('iq', { type: 'error', id: stanza.attrs.id, to: stanza.attrs.from }, xml('error', { type }, xml(condition, { xmlns: NS_STANZAS }), specific));
}

export function buildIqResult(stanza: Element, payload?: Element): Element {
  return xml('iq', { type: 'result', id: stanza.attrs.id, to: stanza.attrs.from }, payload);
}

export interface IqRouter {
  /** Handles get or set requests whose payload is <name xmlns=…/>; returns a function that removes the handler. */
  handle(type: 'get' | 'set', name: string, xmlns: string, handler: IqHandler): () => void;
  /** Answers one request (used by the router; exported for tests). */
  route(stanza: Element): Promise<Element | undefined>;
}

export function setupIqRouter({ connection, logger }: { connection: Pick<Connection, 'pipeline' | 'send'>; logger: Logger }): IqRouter & { dispose(): void } {
  const handlers = new Map<string, IqHandler>();
  const keyOf = (type: string, name: string, xmlns: string | undefined) => `${type} ${xmlns ?? ''} ${name}`;

  async function route(stanza: Element): Promise<Element | undefined> {
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) return undefined;
    const children = stanza.getChildElements();
    // §8.2.3: a request carries exactly one payload.
    const payload = children.length === 1 ? children[0] : undefined;
    if (!payload) return buildIqError(stanza, 'modify', 'bad-request');
    const handler = handlers.get(keyOf(type, payload.name, payload.attrs.xmlns));
    if (!handler) return buildIqError(stanza, 'cancel', 'service-unavailable');
    try {
      return buildIqResult(stanza, await handler(stanza, payload));
    } catch (error) {
      if (error instanceof IqReplyError) return buildIqError(stanza, error.type, error.condition, error.specific);
      logger.error('an iq handler failed', { payload: payload.attrs.xmlns, error: String(error) });
      return buildIqError(stanza, 'wait', 'internal-server-error');
    }
  }

  // Handled once answered: a request the connection could not answer yet is not acknowledged (XEP-0198 §4).
  const unsubscribe = connection.pipeline.handle({ stanza: 'iq' }, async (stanza) => {
    const reply = await route(stanza);
    if (reply) await connection.send(reply);
  });

  return {
    handle(type, name, xmlns, handler) {
      const key = keyOf(type, name, xmlns);
      handlers.set(key, handler);
      return () => void (handlers.get(key) === handler && handlers.delete(key));
    },
    route,
    dispose: unsubscribe,
  };
}
