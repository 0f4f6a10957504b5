// The incoming and outgoing middleware chains that xmpp.js packages install into (@xmpp/middleware's API), without what
// that package does for every stanza and nobody here reads: parsing 'from' and 'to' into JID objects and composing the
// chain anew. A sign-in to a large roster brings thousands of presences at once.
import type { Client } from '@xmpp/client-core';
import type { Context, Middleware, MiddlewareApi } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';

function contextOf(entity: Client, stanza: Element): Context {
  const { name } = stanza;
  const { type } = stanza.attrs;
  const fallback = name === 'message' ? 'normal' : name === 'presence' ? 'available' : '';
  return { stanza, entity, name, type: type ?? fallback };
}

/** Runs the chain as it is now, each middleware's next() the one after it, like koa-compose. */
function run(chain: readonly Middleware[], context: Context): Promise<unknown> {
  const dispatch = (index: number, called: { done: boolean }): Promise<unknown> => {
    if (called.done) return Promise.reject(new Error('next() called multiple times'));
    called.done = true;
    const middleware = chain[index];
    if (!middleware) return Promise.resolve();
    const after = { done: false };
    try {
      return Promise.resolve(middleware(context, () => dispatch(index + 1, after)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return dispatch(0, { done: false });
}

export function setupMiddleware({ entity }: { readonly entity: Client }): MiddlewareApi {
  // As in xmpp.js: what the incoming chain answers is sent, and what it throws is the entity's error.
  const incoming: Middleware[] = [
    (_context, next) => {
      next()
        .then((reply) => (reply ? entity.send(reply as Element) : undefined))
        .catch((error: unknown) => entity.emit('error', error));
    },
  ];
  const outgoing: Middleware[] = [];
  entity.on('element', (stanza: Element) => void run([...incoming], contextOf(entity, stanza)));
  entity.on('send', (stanza: Element) => void run([...outgoing], contextOf(entity, stanza)));
  return {
    use(middleware) {
      incoming.push(middleware);
      return middleware;
    },
    filter(middleware) {
      outgoing.push(middleware);
      return middleware;
    },
  };
}
