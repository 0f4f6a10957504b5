import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import {
  buildBookmarkPublish,
  buildBookmarkRetract,
  buildPrivateSet,
  NS_BOOKMARKS,
  parseBookmarksEvent,
  parseBookmarksResult,
  parsePrivateResult,
} from '../../../../electron/core/xmpp/bookmarks/bookmark-stanzas.ts';

describe('XEP-0402 stanzas', () => {
  it('reads the items of the node: id as the room, name, autojoin as a boolean, nick, password; skips other payloads', () => {
    const result = xml(
        'iq',
        { type: 'result' },
        xml(
          'pubsub',
          { xmlns: 'http://jabber.org/protocol/pubsub' },
          xml(
            'items',
            { node: NS_BOOKMARKS },
            xml('item', { id: 'tea@conference.example' }, xml('conference', { xmlns: NS_BOOKMARKS, name: 'Tea', autojoin: '1' }, xml('nick', {}, 'Alice'), xml('password', {}, 'sesame'))),
            xml('item', { id: 'coffee@conference.example' }, xml('conference', { xmlns: NS_BOOKMARKS })),
            xml('item', { id: 'other@conference.example' }, xml('something', { xmlns: 'urn:example' })),
          ),
        ),
      );
    expect(parseBookmarksResult(result)).toEqual([
      { jid: 'tea@conference.example', name: 'Tea', nick: 'Alice', password: 'sesame', autojoin: true },
      { jid: 'coffee@conference.example', autojoin: false },
    ]);
  });

  it('publishes one item per room with §5’s publish-options, keeping other clients’ extensions', () => {
    const extensions = (xml('extensions', { xmlns: NS_BOOKMARKS }, xml('state', { xmlns: 'http://myclient.example/bookmark/state', minimized: 'true' })));
    const iq = (buildBookmarkPublish({ jid: 'tea@conference.example', name: 'Tea', nick: 'Alice', autojoin: true, extensions }));
    const item = iq.getChild('pubsub')?.getChild('publish')?.getChild('item');
    expect(iq.getChild('pubsub')?.getChild('publish')?.attrs.node).toBe(NS_BOOKMARKS);
    expect(item?.attrs.id).toBe('tea@conference.example');
    const conference = item?.getChild('conference', NS_BOOKMARKS);
    expect(conference?.attrs).toMatchObject({ name: 'Tea', autojoin: 'true' });
    expect(conference?.getChildText('nick')).toBe('Alice');
    expect(conference?.getChild('password')).toBeUndefined();
    expect(conference?.getChild('extensions', NS_BOOKMARKS)?.getChild('state')?.attrs.minimized).toBe('true');
    const fields: Record<string, string | null> = {};
    for (const field of iq.getChild('pubsub')?.getChild('publish-options')?.getChild('x')?.getChildren('field') ?? []) fields[field.attrs.var ?? ''] = field.getChildText('value');
    expect(fields).toEqual({
      FORM_TYPE: 'http://jabber.org/protocol/pubsub#publish-options',
      'pubsub#persist_items': 'true',
      'pubsub#max_items': 'max',
      'pubsub#send_last_published_item': 'never',
      'pubsub#access_model': 'whitelist',
    });
  });

  it('retracts with notify, and reads published and retracted rooms from a notification of our node only', () => {
    const retract = buildBookmarkRetract('tea@conference.example').getChild('pubsub')?.getChild('retract');
    expect(retract?.attrs).toEqual({ node: NS_BOOKMARKS, notify: 'true' });
    const event = (node: string) =>
        xml(
          'message',
          {},
          xml(
            'event',
            { xmlns: 'http://jabber.org/protocol/pubsub#event' },
            xml('items', { node }, xml('item', { id: 'tea@conference.example' }, xml('conference', { xmlns: NS_BOOKMARKS, autojoin: 'true' })), xml('retract', { id: 'coffee@conference.example' })),
          ),
        );
    expect(parseBookmarksEvent(event(NS_BOOKMARKS))).toEqual({ published: [{ jid: 'tea@conference.example', autojoin: true }], retracted: ['coffee@conference.example'] });
    expect(parseBookmarksEvent(event('urn:xmpp:avatar:metadata'))).toBeUndefined();
  });
});

describe('XEP-0048 private storage', () => {
  it('writes every room into one storage:bookmarks and reads it back', () => {
    const set = (buildPrivateSet([{ jid: 'tea@conference.example', name: 'Tea', nick: 'Alice', password: 'sesame', autojoin: true }, { jid: 'coffee@conference.example', autojoin: false }]));
    const result = (xml('iq', { type: 'result' }, set.getChild('query')));
    expect(parsePrivateResult(result)).toEqual([
      { jid: 'tea@conference.example', name: 'Tea', nick: 'Alice', password: 'sesame', autojoin: true },
      { jid: 'coffee@conference.example', autojoin: false },
    ]);
  });
});
