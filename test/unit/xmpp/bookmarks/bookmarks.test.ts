import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Bookmark } from '../../../../shared/model/bookmark.ts';
import type { StoredBookmark } from '../../../../electron/core/xmpp/bookmarks/bookmark-stanzas.ts';
import { NS_BOOKMARKS, NS_BOOKMARKS_COMPAT } from '../../../../electron/core/xmpp/bookmarks/bookmark-stanzas.ts';
import { setupBookmarks } from '../../../../electron/core/xmpp/bookmarks/bookmarks.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { fakeConnection } from '../fake-connection.ts';

const event = (from: string | undefined, ...items: Element[]) =>
  xml('message', from === undefined ? {} : { from }, xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' }, xml('items', { node: NS_BOOKMARKS }, ...items)));
const item = (jid: string, autojoin: boolean) => xml('item', { id: jid }, xml('conference', { xmlns: NS_BOOKMARKS, autojoin: String(autojoin) }));

function setUp(features: readonly string[], stored: () => Element[] = () => [item('tea@conference.example', false)]) {
  const fake = fakeConnection((request) =>
    request.getChild('pubsub') || request.getChild('query')
      ? xml('iq', { type: 'result' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: NS_BOOKMARKS }, ...stored())))
      : xml('iq', { type: 'result' }),
  );
  const lists: Bookmark[][] = [];
  const autojoins: StoredBookmark[] = [];
  const bookmarks = setupBookmarks({
    ownJid: 'alice@example',
    connection: fake.connection,
    accountInfo: { features: () => Promise.resolve(features) },
    logger: silentLogger,
    onChange: (list) => lists.push(list),
    onAutojoin: (b) => autojoins.push(b),
  });
  return { fake, bookmarks, lists, autojoins };
}

describe('bookmarks on a session', () => {
  it('applies our own account’s notifications, and joins a room once its autojoin is set', async () => {
    const { fake, bookmarks, lists, autojoins } = setUp([NS_BOOKMARKS_COMPAT]);
    await bookmarks.fetch();
    expect(bookmarks.list()).toEqual([{ jid: 'tea@conference.example', hasPassword: false, autojoin: false }]);
    await fake.receive(event('alice@example', item('tea@conference.example', true), item('coffee@conference.example', false)));
    expect(bookmarks.list().map((b) => [b.jid, b.autojoin])).toEqual([
      ['coffee@conference.example', false],
      ['tea@conference.example', true],
    ]);
    expect(autojoins.map((b) => b.jid)).toEqual(['tea@conference.example']);
    await fake.receive(event(undefined, xml('retract', { id: 'tea@conference.example' })));
    expect(bookmarks.list().map((b) => b.jid)).toEqual(['coffee@conference.example']);
    expect(lists).toHaveLength(3);
  });

  it('joins every autojoin room at the first fetch, and after a reconnect only those whose autojoin was set meanwhile', async () => {
    let stored = [item('tea@conference.example', true), item('coffee@conference.example', false)];
    const { bookmarks, autojoins } = setUp([NS_BOOKMARKS_COMPAT], () => stored);
    await bookmarks.fetch();
    expect(autojoins.map((b) => b.jid)).toEqual(['tea@conference.example']);
    stored = [item('tea@conference.example', true), item('coffee@conference.example', true), item('cake@conference.example', true)];
    await bookmarks.fetch();
    expect(autojoins.map((b) => b.jid)).toEqual(['tea@conference.example', 'coffee@conference.example', 'cake@conference.example']);
  });

  it('ignores a notification of the bookmarks node from anyone else, which could make us join a room', async () => {
    const { fake, bookmarks, autojoins } = setUp([NS_BOOKMARKS_COMPAT]);
    await bookmarks.fetch();
    await fake.receive(event('mallory@example', item('trap@conference.example', true)));
    await fake.receive(event('alice@example/phone', item('trap@conference.example', true)));
    expect(bookmarks.list().map((b) => b.jid)).toEqual(['tea@conference.example']);
    expect(autojoins).toEqual([]);
  });

  it('without #compat, reads and writes private XML storage, never PEP', async () => {
    const { fake, bookmarks } = setUp([]);
    await bookmarks.fetch();
    await bookmarks.save({ jid: 'tea@conference.example', nick: 'Alice', autojoin: true });
    expect(fake.requests.map((request) => request.getChildElements()[0]?.attrs.xmlns)).toEqual(['jabber:iq:private', 'jabber:iq:private', 'jabber:iq:private']);
  });
});
