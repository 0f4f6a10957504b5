import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { setupBlocking } from '../../../../electron/core/xmpp/blocking/blocking.ts';
import { NS_BLOCKING } from '../../../../electron/core/xmpp/blocking/blocklist.ts';
import { setupIqRouter } from '../../../../electron/core/xmpp/iq-router.ts';
import { fakeConnection } from '../fake-connection.ts';

function server(blocked: readonly string[]) {
  return (request: Element): Element => {
    if (request.getChild('blocklist', NS_BLOCKING)) {
      return xml('iq', { type: 'result' }, xml('blocklist', { xmlns: NS_BLOCKING }, ...blocked.map((jid) => xml('item', { jid }))));
    }
    return xml('iq', { type: 'result' });
  };
}

function setUp(features: readonly string[] = [NS_BLOCKING], blocked: readonly string[] = []) {
  const fake = fakeConnection(server(blocked));
  const router = setupIqRouter({ connection: fake.connection, logger: silentLogger });
  const changes: (readonly string[])[] = [];
  const blocking = setupBlocking({ ownJid: 'alice@example.com', connection: fake.connection, router, logger: silentLogger, onChange: (jids) => changes.push(jids) });
  return { ...fake, blocking, changes, fetch: () => blocking.fetch(features) };
}

const push = (attrs: Record<string, string>, payload: Element) => xml('iq', { type: 'set', id: 'push1', ...attrs }, payload);

describe('the blocking module', () => {
  it('learns support from our server’s features and fetches the list at session start', async () => {
    const { blocking, changes, fetch } = setUp([NS_BLOCKING, 'urn:xmpp:reporting:1'], ['bob@example.com']);
    await fetch();
    expect(blocking.list()).toEqual({ supported: true, reportSupported: true, jids: ['bob@example.com'] });
    expect(changes.at(-1)).toEqual(['bob@example.com']);
  });

  it('refuses to block with a typed error when the server lacks XEP-0191', async () => {
    const { blocking, requests, fetch } = setUp([]);
    await fetch();
    expect(blocking.list().supported).toBe(false);
    await expect(blocking.block('bob@example.com')).rejects.toMatchObject({ code: 'not-supported' });
    expect(requests.some((request) => request.getChild('blocklist', NS_BLOCKING))).toBe(false);
  });

  it('takes a list asked before the features were known, and ignores it when the server lacks XEP-0191', async () => {
    const { blocking, requests } = setUp();
    const asked = blocking.ask();
    expect(requests.filter((request) => request.getChild('blocklist', NS_BLOCKING))).toHaveLength(1);
    await blocking.fetch([NS_BLOCKING], asked);
    expect(requests.filter((request) => request.getChild('blocklist', NS_BLOCKING))).toHaveLength(1);
    expect(blocking.list().supported).toBe(true);
    await blocking.fetch([], blocking.ask());
    expect(blocking.list()).toEqual({ supported: false, reportSupported: false, jids: [] });
  });

  it('refuses a spam report when the server does not offer XEP-0377', async () => {
    const { blocking, fetch } = setUp([NS_BLOCKING]);
    await fetch();
    await expect(blocking.block('bob@example.com', 'spam')).rejects.toMatchObject({ code: 'not-supported' });
  });

  it('applies a push from our server and acknowledges it (XEP-0191 §3.3)', async () => {
    const { blocking, sent, receive, changes, fetch } = setUp();
    await fetch();
    await receive(push({}, xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: 'carol@example.com' }))));
    expect(blocking.list().jids).toEqual(['carol@example.com']);
    expect(changes.at(-1)).toEqual(['carol@example.com']);
    expect(sent.at(-1)?.attrs).toMatchObject({ type: 'result', id: 'push1' });
    await receive(push({ from: 'alice@example.com' }, xml('unblock', { xmlns: NS_BLOCKING })));
    expect(blocking.list().jids).toEqual([]);
  });

  it('ignores a push from anyone else and answers it with an error', async () => {
    const { blocking, sent, receive, fetch } = setUp();
    await fetch();
    await receive(push({ from: 'mallory@example.com' }, xml('block', { xmlns: NS_BLOCKING }, xml('item', { jid: 'bob@example.com' }))));
    expect(blocking.list().jids).toEqual([]);
    expect(sent.at(-1)?.attrs.type).toBe('error');
  });

  it('blocks with a report and unblocks, updating the list at once', async () => {
    const { blocking, requests, fetch } = setUp([NS_BLOCKING, 'urn:xmpp:reporting:1']);
    await fetch();
    await blocking.block('bob@example.com', 'abuse');
    expect(requests.at(-1)?.getChild('block', NS_BLOCKING)?.getChild('item')?.getChild('report')?.attrs.reason).toBe('urn:xmpp:reporting:abuse');
    expect(blocking.list().jids).toEqual(['bob@example.com']);
    await blocking.unblock('bob@example.com');
    expect(blocking.list().jids).toEqual([]);
  });
});
