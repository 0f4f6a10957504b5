// Unit tests of the middleware chains xmpp.js packages install into: order, replies, errors, outgoing filters.
import { EventEmitter } from 'node:events';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { setupMiddleware } from '../../../../electron/core/xmpp/stream/middleware.ts';

function setUp() {
  const emitter = new EventEmitter();
  const sent: Element[] = [];
  const errors: unknown[] = [];
  const entity = Object.assign(emitter, { send: (stanza: Element) => Promise.resolve(void sent.push(stanza)) }) as unknown as Client;
  emitter.on('error', (error: unknown) => errors.push(error));
  const middleware = setupMiddleware({ entity });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { emitter, middleware, sent, errors, settle };
}

describe('the middleware chains', () => {
  it('runs incoming middleware in the order installed, each reaching the next through next()', async () => {
    const { emitter, middleware, settle } = setUp();
    const seen: string[] = [];
    middleware.use(async (context, next) => {
      seen.push(`first ${context.name} ${context.type}`);
      await next();
      seen.push('first after');
    });
    middleware.use((context) => void seen.push(`second ${context.stanza.attrs.id as string}`));
    emitter.emit('element', xml('presence', { id: 'p1' }));
    await settle();
    expect(seen).toEqual(['first presence available', 'second p1', 'first after']);
  });

  it('sends what the chain answers and reports what it throws as the entity’s error', async () => {
    const { emitter, middleware, sent, errors, settle } = setUp();
    middleware.use(({ stanza }, next) => (stanza.attrs.id === 'q' ? xml('iq', { type: 'result', id: 'q' }) : next()));
    middleware.use(() => {
      throw new Error('boom');
    });
    emitter.emit('element', xml('iq', { type: 'get', id: 'q' }));
    emitter.emit('element', xml('message', { id: 'm' }));
    await settle();
    expect(sent.map(String)).toEqual(['<iq type="result" id="q"/>']);
    expect(errors.map(String)).toEqual(['Error: boom']);
  });

  it('refuses a second next() from one middleware', async () => {
    const { emitter, middleware, errors, settle } = setUp();
    middleware.use(async (_context, next) => {
      await next();
      await next();
    });
    emitter.emit('element', xml('message', {}));
    await settle();
    expect(errors.map(String)).toEqual(['Error: next() called multiple times']);
  });

  it('runs the outgoing filters on each element sent', async () => {
    const { emitter, middleware, settle } = setUp();
    const seen: string[] = [];
    middleware.filter((context, next) => {
      seen.push(context.name);
      return next();
    });
    emitter.emit('send', xml('message', { type: 'chat' }));
    await settle();
    expect(seen).toEqual(['message']);
  });
});
