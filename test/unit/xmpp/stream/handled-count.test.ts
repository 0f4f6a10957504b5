// Unit tests of XEP-0198 §4 'h' counting handled stanzas: in arrival order, once applied, never past one that failed.
import { EventEmitter } from 'node:events';
import type { Client } from '@xmpp/client-core';
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { countHandled } from '../../../../electron/core/xmpp/stream/handled-count.ts';
import { setupMiddleware } from '../../../../electron/core/xmpp/stream/middleware.ts';

/** An entity on which elements arrive, a stand-in for xmpp.js's counting middleware, then ours, then handlers we control. */
function setUp() {
  const entity = new EventEmitter() as unknown as Client;
  const middleware = setupMiddleware({ entity });
  const sm = { inbound: 0 };
  // What @xmpp/stream-management does on arrival.
  middleware.use((context, next) => {
    if (['message', 'presence', 'iq'].includes(context.stanza.name)) sm.inbound += 1;
    return next();
  });
  countHandled({ sm, entity, middleware, logger: silentLogger });
  const pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  middleware.use(
    ({ stanza }) =>
      new Promise<void>((resolve, reject) => {
        pending.set(String(stanza.attrs.id), { resolve, reject });
      }),
  );
  const arrive = (id: string) => (entity as unknown as EventEmitter).emit('element', xml('message', { id, from: 'alice@x/r' }));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const finish = async (id: string, error?: Error) => {
    const handler = pending.get(id);
    if (error) handler?.reject(error);
    else handler?.resolve();
    await settle();
  };
  return { entity: entity as unknown as EventEmitter, sm, arrive, finish, settle };
}

describe('counting handled stanzas (XEP-0198 §4)', () => {
  it('counts a stanza once its handlers are done, not on arrival', async () => {
    const { sm, arrive, finish, settle } = setUp();
    arrive('1');
    await settle();
    expect(sm.inbound).toBe(0);
    await finish('1');
    expect(sm.inbound).toBe(1);
  });

  it('counts in arrival order: a later stanza done first waits for the earlier one', async () => {
    const { sm, arrive, finish, settle } = setUp();
    arrive('1');
    arrive('2');
    arrive('3');
    await settle();
    await finish('3');
    await finish('2');
    expect(sm.inbound).toBe(0);
    await finish('1');
    expect(sm.inbound).toBe(3);
  });

  it('never counts past a stanza whose handling failed, so the server keeps it and everything after', async () => {
    const { sm, arrive, finish, settle } = setUp();
    arrive('1');
    arrive('2');
    arrive('3');
    await settle();
    await finish('1');
    await finish('2', new Error('the store could not take it'));
    await finish('3');
    expect(sm.inbound).toBe(1);
  });

  it('forgets, at a new stream, what was still in hand on the old one', async () => {
    const { entity, sm, arrive, finish, settle } = setUp();
    arrive('old');
    await settle();
    entity.emit('disconnect');
    // Resumed at the count the server was told; the old stanza comes again and is counted once.
    arrive('new');
    await settle();
    await finish('old');
    expect(sm.inbound).toBe(0);
    await finish('new');
    expect(sm.inbound).toBe(1);
  });
});
