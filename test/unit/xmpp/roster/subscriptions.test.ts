import { describe, expect, it } from 'vitest';
import type { SubscriptionRequest } from '../../../../shared/model/contact.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createRosterStore } from '../../../../electron/core/storage/roster.ts';
import type { RosterItem } from '../../../../electron/core/model/roster-item.ts';
import { setupSubscriptions } from '../../../../electron/core/xmpp/roster/subscriptions.ts';
import { fakeConnection } from '../fake-connection.ts';

function setUp(items: RosterItem[] = [], preApproval = true) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createRosterStore(db);
  const fake = fakeConnection();
  const roster = new Map(items.map((item) => [item.jid, item]));
  const approved: string[] = [];
  const rosterSets: string[] = [];
  const announced: SubscriptionRequest[][] = [];
  const subscriptions = setupSubscriptions({
    accountId: 'a1',
    connection: fake.connection,
    roster: {
      get: (jid) => roster.get(jid),
      set: (item) => {
        rosterSets.push(item.jid);
        return Promise.resolve(void roster.set(item.jid, { ...item, subscription: 'none', ask: false, approved: false }));
      },
      markApproved: (jid) => void approved.push(jid),
      clearApproval: (jid) => {
        const before = roster.get(jid);
        if (before) roster.set(jid, { ...before, approved: false });
      },
    },
    store,
    logger: silentLogger,
    preApproval: () => preApproval,
    onRequestsChanged: (requests) => announced.push(requests),
    now: () => 1_000,
  });
  return { ...fake, subscriptions, store, announced, approved, roster, rosterSets };
}

const item = (jid: string, subscription: RosterItem['subscription'], extra: Partial<RosterItem> = {}): RosterItem => ({ jid, groups: [], subscription, ask: false, approved: false, ...extra });

describe('subscription requests (RFC 6121 §3)', () => {
  it('keeps a request once, with its message and first arrival time, until it is answered', async () => {
    const { subscriptions, announced, sent } = setUp();
    subscriptions.received('subscribe', 'bob@example.com', 'Hi, it is Bob');
    subscriptions.received('subscribe', 'bob@example.com', 'Hi, it is Bob');
    expect(announced).toEqual([[{ jid: 'bob@example.com', message: 'Hi, it is Bob', receivedAt: 1_000 }]]);
    await subscriptions.deny('bob@example.com');
    expect(sent.map(String)).toEqual(['<presence type="unsubscribed" to="bob@example.com"/>']);
    expect(subscriptions.requests()).toEqual([]);
  });

  it('answers by itself a request from a contact who already receives our presence (§3.1.3)', async () => {
    const { subscriptions, announced, sent } = setUp([item('bob@example.com', 'from'), item('carol@example.com', 'none', { approved: true })]);
    subscriptions.received('subscribe', 'bob@example.com', undefined);
    subscriptions.received('subscribe', 'carol@example.com', undefined);
    await Promise.resolve();
    expect(sent.map(String)).toEqual(['<presence type="subscribed" to="bob@example.com"/>', '<presence type="subscribed" to="carol@example.com"/>']);
    expect(announced).toEqual([]);
  });

  it('forgets a request the contact withdrew, or one approved from another client', () => {
    const { subscriptions } = setUp();
    subscriptions.received('subscribe', 'bob@example.com', undefined);
    subscriptions.received('unsubscribe', 'bob@example.com', undefined);
    subscriptions.received('subscribe', 'carol@example.com', undefined);
    subscriptions.rosterChanged('carol@example.com', item('carol@example.com', 'from'));
    expect(subscriptions.requests()).toEqual([]);
  });

  it('approves with add-back: adds the contact, approves, then asks for theirs', async () => {
    const { subscriptions, sent, roster } = setUp();
    subscriptions.received('subscribe', 'bob@example.com', undefined);
    await subscriptions.approve('bob@example.com', true);
    expect(roster.has('bob@example.com')).toBe(true);
    expect(sent.map(String)).toEqual(['<presence type="subscribed" to="bob@example.com"/>', '<presence type="subscribe" to="bob@example.com"/>']);
    expect(subscriptions.requests()).toEqual([]);
  });

  it('pre-approves only where the server offers it (§3.4), with a typed error otherwise', async () => {
    const supported = setUp();
    await supported.subscriptions.preapprove('dave@example.com');
    expect(supported.sent.map(String)).toEqual(['<presence type="subscribed" to="dave@example.com"/>']);
    expect(supported.approved).toEqual(['dave@example.com']);
    const unsupported = setUp([], false);
    await expect(unsupported.subscriptions.preapprove('dave@example.com')).rejects.toMatchObject({ code: 'not-supported' });
    expect(unsupported.sent).toEqual([]);
    // Adding a contact still lets them in when they ask back, by a note kept here.
    await unsupported.subscriptions.grantInAdvance('dave@example.com');
    expect(unsupported.sent).toEqual([]);
    expect(unsupported.approved).toEqual(['dave@example.com']);
  });

  it('revokes and unsubscribes with the right presence types', async () => {
    const { subscriptions, sent } = setUp();
    await subscriptions.revoke('bob@example.com');
    await subscriptions.unsubscribe('bob@example.com');
    await subscriptions.request('bob@example.com');
    expect(sent.map((stanza) => stanza.attrs.type)).toEqual(['unsubscribed', 'unsubscribe', 'subscribe']);
  });

  it('keeps the newest 200 requests of a flood and tells the window about each change', () => {
    const { subscriptions, announced } = setUp();
    for (let n = 0; n < 250; n += 1) subscriptions.received('subscribe', `spam${n}@example.com`, undefined);
    subscriptions.received('subscribe', 'bob@example.com', 'It is Bob');
    const requests = subscriptions.requests();
    expect(requests).toHaveLength(200);
    expect(requests.map((request) => request.jid)).toContain('bob@example.com');
    expect(requests.map((request) => request.jid)).not.toContain('spam50@example.com');
    expect(announced.at(-1)).toEqual(requests);
  });

  it('a revoked or denied pre-approval is gone: the next request from that contact is asked (§3.4)', async () => {
    const { subscriptions, sent, announced, rosterSets } = setUp([item('bob@example.com', 'none', { approved: true }), item('carol@example.com', 'none', { approved: true })]);
    await subscriptions.revoke('bob@example.com');
    await subscriptions.deny('carol@example.com');
    // The items are written again, which is what makes Prosody 0.12 drop its own pre-approval.
    expect(rosterSets).toEqual(['bob@example.com', 'carol@example.com']);
    sent.length = 0;
    subscriptions.received('subscribe', 'bob@example.com', undefined);
    subscriptions.received('subscribe', 'carol@example.com', undefined);
    await Promise.resolve();
    expect(sent).toEqual([]);
    expect(announced.at(-1)?.map((request) => request.jid).sort()).toEqual(['bob@example.com', 'carol@example.com']);
  });
});
