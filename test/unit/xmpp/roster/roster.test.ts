import { describe, expect, it } from 'vitest';
import xml, { type Element } from '@xmpp/xml';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createRosterStore } from '../../../../electron/core/storage/roster.ts';
import { setupIqRouter } from '../../../../electron/core/xmpp/iq-router.ts';
import type { RosterItem } from '../../../../electron/core/model/roster-item.ts';
import { setupRoster } from '../../../../electron/core/xmpp/roster/roster.ts';
import { fakeConnection } from '../fake-connection.ts';

const NS = 'jabber:iq:roster';

function setUp(answer?: (request: Element) => Element) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createRosterStore(db);
  const fake = fakeConnection(answer);
  const router = setupIqRouter({ connection: fake.connection, logger: silentLogger });
  const changes: [string, RosterItem | undefined][] = [];
  const roster = setupRoster({ accountId: 'a1', ownJid: 'alice@example.com', connection: fake.connection, router, store, logger: silentLogger, onChange: (jid, item) => changes.push([jid, item]) });
  return { ...fake, store, roster, changes };
}

const push = (attrs: Record<string, string>, ...items: Element[]) => xml('iq', { type: 'set', id: 'p1', ...attrs }, xml('query', { xmlns: NS, ver: 'v2' }, ...items));

describe('the roster module', () => {
  it('applies a push from our server, stores it with its version, and acknowledges it (RFC 6121 §2.1.6)', async () => {
    const { roster, store, sent, receive, changes } = setUp();
    await receive(push({}, xml('item', { jid: 'bob@example.com', name: 'Bob', subscription: 'both' })));
    expect(sent.map(String)).toEqual(['<iq type="result" id="p1"/>']);
    expect(roster.get('bob@example.com')).toMatchObject({ name: 'Bob', subscription: 'both' });
    expect(changes.map(([jid]) => jid)).toEqual(['bob@example.com']);
    expect(store.load('a1')).toMatchObject({ ver: 'v2', items: [{ jid: 'bob@example.com' }] });
  });

  it('accepts a push from our bare JID but refuses one from anyone else, or with two items', async () => {
    const { roster, sent, receive } = setUp();
    await receive(push({ from: 'alice@example.com' }, xml('item', { jid: 'bob@example.com' })));
    await receive(push({ from: 'mallory@evil.example' }, xml('item', { jid: 'eve@example.com' })));
    await receive(push({}, xml('item', { jid: 'c@example.com' }), xml('item', { jid: 'd@example.com' })));
    expect(roster.items().map((item) => item.jid)).toEqual(['bob@example.com']);
    expect(sent.map((stanza) => stanza.attrs.type)).toEqual(['result', 'error', 'error']);
    expect(sent[1]?.toString()).toContain('service-unavailable');
    expect(sent[2]?.toString()).toContain('bad-request');
  });

  it('sends the stored version and keeps the stored roster on an empty result (XEP-0237 §3)', async () => {
    const { roster, store, requests, receive } = setUp(() => xml('iq', { type: 'result' }));
    await receive(push({}, xml('item', { jid: 'bob@example.com' })));
    expect(await roster.fetch(true)).toBe(false);
    expect(requests[0]?.toString()).toBe(`<iq type="get"><query xmlns="${NS}" ver="v2"/></iq>`);
    expect(store.load('a1').items.map((item) => item.jid)).toEqual(['bob@example.com']);
  });

  it('replaces the roster with a full result, reporting removed and changed items', async () => {
    const full = xml('iq', { type: 'result' }, xml('query', { xmlns: NS, ver: 'v9' }, xml('item', { jid: 'carol@example.com', subscription: 'to' })));
    const { roster, store, requests, receive, changes } = setUp(() => full);
    await receive(push({}, xml('item', { jid: 'bob@example.com' })));
    changes.length = 0;
    expect(await roster.fetch(false)).toBe(true);
    expect(requests[0]?.toString()).toBe(`<iq type="get"><query xmlns="${NS}"/></iq>`);
    expect(changes).toEqual([['bob@example.com', undefined], ['carol@example.com', expect.objectContaining({ subscription: 'to' })]]);
    roster.persist();
    // Without versioning offered, no version is kept.
    expect(store.load('a1')).toMatchObject({ ver: undefined, items: [{ jid: 'carol@example.com' }] });
  });

  it('reports a fetched roster before storing it, and stores a push that follows after it (XEP-0237 §4)', async () => {
    const full = xml('iq', { type: 'result' }, xml('query', { xmlns: NS, ver: 'v1' }, xml('item', { jid: 'carol@example.com', subscription: 'to' })));
    const { roster, store, receive, changes } = setUp(() => full);
    expect(await roster.fetch(true)).toBe(true);
    expect(changes.map(([jid]) => jid)).toEqual(['carol@example.com']);
    expect(store.load('a1').items).toEqual([]);
    await receive(push({}, xml('item', { jid: 'bob@example.com', subscription: 'both' })));
    expect(store.load('a1')).toMatchObject({ ver: 'v2', items: [{ jid: 'bob@example.com' }, { jid: 'carol@example.com' }] });
  });

  it('keeps a pre-approval the server does not echo until the contact subscribes', async () => {
    const { roster, receive } = setUp();
    roster.markApproved('dave@example.com');
    await receive(push({}, xml('item', { jid: 'dave@example.com', subscription: 'none' })));
    expect(roster.get('dave@example.com')?.approved).toBe(true);
    await receive(push({}, xml('item', { jid: 'dave@example.com', subscription: 'from' })));
    expect(roster.get('dave@example.com')?.approved).toBe(false);
  });

  it('clears a pre-approval, in memory and in the store, so that a push does not bring it back', async () => {
    const { roster, store, receive, changes } = setUp();
    roster.markApproved('dave@example.com');
    roster.clearApproval('dave@example.com');
    expect(changes.at(-1)).toEqual(['dave@example.com', expect.objectContaining({ approved: false })]);
    expect(store.load('a1').items).toMatchObject([{ jid: 'dave@example.com', approved: false }]);
    await receive(push({}, xml('item', { jid: 'dave@example.com', subscription: 'none' })));
    expect(roster.get('dave@example.com')?.approved).toBe(false);
  });

  it('removes an item on a push with subscription remove', async () => {
    const { roster, store, receive, changes } = setUp();
    await receive(push({}, xml('item', { jid: 'bob@example.com' })));
    await receive(push({}, xml('item', { jid: 'bob@example.com', subscription: 'remove' })));
    expect(roster.items()).toEqual([]);
    expect(store.load('a1').items).toEqual([]);
    expect(changes.at(-1)).toEqual(['bob@example.com', undefined]);
  });
});
