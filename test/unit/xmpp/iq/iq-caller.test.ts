import { EventEmitter } from 'node:events';
import type { Client } from '@xmpp/client-core';
import middleware from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jid } from '@xmpp/client-core';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { setupIqCaller } from '../../../../electron/core/xmpp/iq/iq-caller.ts';

function setUp() {
  const sent: Element[] = [];
  const entity = Object.assign(new EventEmitter(), {
    jid: jid('alice@example.org/desk'),
    send: (stanza: Element) => {
      sent.push(stanza);
      return Promise.resolve();
    },
  }) as unknown as Client;
  const caller = setupIqCaller({ middleware: middleware({ entity }), entity, domain: 'example.org', logger: silentLogger });
  const receive = async (stanza: Element) => {
    entity.emit('element', stanza);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { caller, sent, receive };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

afterEach(() => vi.useRealTimers());

describe('our iq caller (RFC 6120 §8.2.3)', () => {
  it('gives each request an unguessable id and settles it only with the asked entity’s answer', async () => {
    const { caller, sent, receive } = setUp();
    const request = caller.request(xml('iq', { type: 'get', to: 'bob@example.org/phone' }, xml('query', { xmlns: 'jabber:iq:version' })));
    await new Promise((resolve) => setImmediate(resolve));
    const id = sent[0]?.attrs.id ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await receive(xml('iq', { type: 'result', id, from: 'mallory@example.org/x' }));
    await receive(xml('iq', { type: 'result', id }));
    expect(await settled(request)).toBe(false);
    await receive(xml('iq', { type: 'result', id, from: 'bob@example.org/phone' }, xml('query', { xmlns: 'jabber:iq:version' }, xml('name', {}, 'Bob'))));
    expect((await request).getChild('query', 'jabber:iq:version')?.getChildText('name')).toBe('Bob');
  });

  it('turns an error answer into its condition and text', async () => {
    const { caller, sent, receive } = setUp();
    const request = caller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await new Promise((resolve) => setImmediate(resolve));
    const error = xml('error', { type: 'cancel' }, xml('not-allowed', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'no'));
    const assertion = expect(request).rejects.toMatchObject({ name: 'StanzaError', condition: 'not-allowed', text: 'no' });
    await receive(xml('iq', { type: 'error', id: sent[0]?.attrs.id }, error));
    await assertion;
  });

  it('gives up after its timeout with a typed error, and when abandoned', async () => {
    vi.useFakeTimers();
    const { caller } = setUp();
    const late = caller.request(xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 5_000);
    const assertion = expect(late).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(5_000);
    await assertion;
    const abandoned = caller.request(xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const gone = expect(abandoned).rejects.toThrow('session ended');
    caller.abandon(new Error('session ended'));
    await gone;
  });
});
