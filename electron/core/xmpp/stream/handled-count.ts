// XEP-0198 §4: 'h' counts the stanzas handled, not merely received. xmpp.js counts on arrival; this moves the count to the
// moment the pipeline has applied a stanza, in arrival order, so that a stanza whose handling failed is never acknowledged
// (the server keeps it, and a resumed stream brings it again).
import type { Client } from '@xmpp/client-core';
import type { MiddlewareApi } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';

const NS_SM = 'urn:xmpp:sm:3';

const STANZAS = new Set(['message', 'presence', 'iq']);

interface Ticket {
  done: boolean;
}

/** Installed right after stream management, so that it sees every stanza xmpp.js counted. */
export function countHandled({ sm, entity, middleware, logger }: { sm: { inbound: number }; entity: Client; middleware: MiddlewareApi; logger: Logger }): void {
  /** This stream's stanzas not yet counted, oldest first. */
  let waiting: Ticket[] = [];

  function advance(): void {
    while (waiting[0]?.done === true) {
      waiting.shift();
      sm.inbound += 1;
    }
  }

  // A new stream starts from what the server is told on resumption; stanzas still in hand from the old one count no more.
  entity.on('disconnect', () => void (waiting = []));
  // §4: the count starts from zero at <enabled/>; what arrived before it is not counted.
  entity.on('element', (element: Element) => void (element.is('enabled', NS_SM) && (waiting = [])));

  middleware.use(async ({ stanza }, next) => {
    if (!STANZAS.has(stanza.name)) return next();
    sm.inbound -= 1;
    const ticket: Ticket = { done: false };
    const mine = waiting;
    mine.push(ticket);
    try {
      const reply = await next();
      ticket.done = true;
      if (mine === waiting) advance();
      return reply;
    } catch (error) {
      // Left undone: 'h' stops before it, and the server will offer it again.
      logger.error('a stanza could not be handled and is not acknowledged', { stanza: stanza.name, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  });
}
