import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { buildRosterGet, buildRosterRemove, buildRosterSet, parseRosterItem, parseRosterQuery, parseRosterResult } from '../../../../electron/core/xmpp/roster/roster-items.ts';

const NS = 'jabber:iq:roster';

describe('roster items (RFC 6121 §2)', () => {
  it('parses an item with its name, groups, subscription, ask and approved', () => {
    const item = xml('item', { jid: 'Juliet@Example.com', name: ' Juliet ', subscription: 'to', ask: 'subscribe', approved: 'true' }, xml('group', {}, 'Friends'), xml('group', {}, 'Friends'), xml('group', {}, ' '));
    expect(parseRosterItem(item)).toEqual({
      kind: 'upsert',
      item: { jid: 'juliet@example.com', name: 'Juliet', groups: ['Friends'], subscription: 'to', ask: true, approved: true },
    });
  });

  it('reads an unknown subscription as none (§2.1.2.5), a removal as such, and skips an item without a valid bare JID', () => {
    expect(parseRosterItem(xml('item', { jid: 'a@b', subscription: 'weird' }))).toMatchObject({ item: { subscription: 'none', ask: false, approved: false, groups: [] } });
    expect(parseRosterItem(xml('item', { jid: 'a@b', subscription: 'remove' }))).toEqual({ kind: 'remove', jid: 'a@b' });
    expect(parseRosterItem(xml('item', { jid: 'a@b/phone' }))).toBeUndefined();
    expect(parseRosterItem(xml('item', {}))).toBeUndefined();
  });

  it('parses a query with its version (XEP-0237)', () => {
    const query = xml('query', { xmlns: NS, ver: 'v7' }, xml('item', { jid: 'a@b' }), xml('item', { jid: 'c@d', subscription: 'both' }));
    const { changes, ver } = parseRosterQuery(query);
    expect(ver).toBe('v7');
    expect(changes.map((change) => (change.kind === 'upsert' ? change.item.jid : change.jid))).toEqual(['a@b', 'c@d']);
  });

  it('reads a result into items by JID: normalised, the last of a repeated JID kept, removals and bad JIDs left out', () => {
    const query = xml(
      'query',
      { xmlns: NS, ver: 'v8' },
      xml('item', { jid: 'A@B', name: 'first' }),
      xml('item', { jid: 'c@d', subscription: 'remove' }),
      xml('item', { jid: 'e@f/phone' }),
      xml('item', { jid: 'g@h', subscription: 'from' }, xml('group', {}, 'Work')),
      xml('item', { jid: 'a@b', name: 'second', subscription: 'both' }),
    );
    const { items, ver } = parseRosterResult(query);
    expect(ver).toBe('v8');
    expect([...items.keys()]).toEqual(['g@h', 'a@b']);
    expect(items.get('a@b')).toEqual({ jid: 'a@b', name: 'second', groups: [], subscription: 'both', ask: false, approved: false });
    expect(items.get('g@h')).toEqual({ jid: 'g@h', groups: ['Work'], subscription: 'from', ask: false, approved: false });
  });

  it('builds a get with or without ver, a set without ask or subscription, and a removal', () => {
    expect(buildRosterGet(undefined).toString()).toBe(`<iq type="get"><query xmlns="${NS}"/></iq>`);
    expect(buildRosterGet('').toString()).toBe(`<iq type="get"><query xmlns="${NS}" ver=""/></iq>`);
    expect(buildRosterSet({ jid: 'a@b', name: ' ', groups: ['X', 'X', 'Y'] }).toString()).toBe(
      `<iq type="set"><query xmlns="${NS}"><item jid="a@b"><group>X</group><group>Y</group></item></query></iq>`,
    );
    expect(buildRosterSet({ jid: 'a@b', name: 'Ann', groups: [] }).toString()).toBe(`<iq type="set"><query xmlns="${NS}"><item jid="a@b" name="Ann"/></query></iq>`);
    expect(buildRosterRemove('a@b').toString()).toBe(`<iq type="set"><query xmlns="${NS}"><item jid="a@b" subscription="remove"/></query></iq>`);
  });
});
