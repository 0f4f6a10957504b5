// Our iq requests and their answers (RFC 6120 §8.2.3): an answer settles a request only when it carries its id and
// comes from the entity asked; ids are unguessable so that nobody else can even try.
import { randomUUID } from 'node:crypto';
import type { Client } from '@xmpp/client-core';
import type { MiddlewareApi } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import { StanzaError } from '../errors.ts';
import { stanzaErrorOf } from '../stanza-error.ts';
import { mayAnswer } from './answer-from.ts';

interface Pending {
  readonly to: string | undefined;
  readonly promise: Promise<Element>;
  resolve(answer: Element): void;
  reject(reason: unknown): void;
}

export interface IqCaller {
  /** Sends the request (an id is added when it has none) and resolves with the answer, or rejects with its error. */
  request(stanza: Element, timeoutMs?: number): Promise<Element>;
  /** Settles every request still waiting for an answer with this error. */
  abandon(error: Error): void;
}

export interface IqCallerDeps {
  readonly middleware: MiddlewareApi;
  readonly entity: Client;
  readonly domain: string;
  readonly logger: Logger;
}

function stanzaError(answer: Element): StanzaError {
  const { condition, text } = stanzaErrorOf(answer);
  return new StanzaError(condition, text ?? '');
}

export function setupIqCaller({ middleware, entity, domain, logger }: IqCallerDeps): IqCaller {
  const pending = new Map<string, Pending>();

  middleware.use(({ stanza }, next) => {
    const { type, id, from } = stanza.attrs;
    if (stanza.name !== 'iq' || (type !== 'result' && type !== 'error') || id === undefined) return next();
    const waiting = pending.get(id);
    if (!waiting) return next();
    if (!mayAnswer(waiting.to, from, { bare: entity.jid?.bare().toString(), domain })) {
      logger.warn('dropped an iq answer from an entity that was not asked', { from, to: waiting.to });
      return undefined;
    }
    pending.delete(id);
    if (type === 'error') waiting.reject(stanzaError(stanza));
    else waiting.resolve(stanza);
    return undefined;
  });

  return {
    async request(stanza, timeoutMs = 30_000) {
      const id = (stanza.attrs.id ??= randomUUID());
      let settle: Pick<Pending, 'resolve' | 'reject'> = { resolve: () => undefined, reject: () => undefined };
      const promise = new Promise<Element>((resolve, reject) => (settle = { resolve, reject }));
      // It may be settled while the request is still being written, before anything awaits it.
      promise.catch(() => undefined);
      pending.set(id, { to: stanza.attrs.to, promise, ...settle });
      const timer = setTimeout(() => settle.reject(new CausetteError('timeout', `The server ${domain} did not answer the request in time`)), timeoutMs);
      try {
        await entity.send(stanza);
        return await promise;
      } finally {
        clearTimeout(timer);
        pending.delete(id);
      }
    },
    abandon(error) {
      for (const waiting of pending.values()) waiting.reject(error);
    },
  };
}

/** Sends a set with this payload to our server and returns the answer's payload of the same name (RFC 6120 §7.6 bind). */
export async function setPayload(caller: IqCaller, payload: Element): Promise<Element | undefined> {
  const answer = await caller.request(xml('iq', { type: 'set' }, payload));
  return answer.getChild(payload.name, payload.attrs.xmlns);
}
