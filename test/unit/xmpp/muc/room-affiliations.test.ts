// XEP-0045 §9.2, §9.5, §10.5: a room's affiliation lists, asked for and read.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildAffiliationsGet, parseAffiliations } from '../../../../electron/core/xmpp/muc/room-affiliations.ts';

const NS = 'http://jabber.org/protocol/muc#admin';

describe('affiliation lists', () => {
  it('asks for one list by affiliation', () => {
    const iq = buildAffiliationsGet('tea@conference.x', 'outcast');
    expect(iq.attrs).toMatchObject({ type: 'get', to: 'tea@conference.x' });
    expect(iq.getChild('query', NS)?.getChild('item')?.attrs).toEqual({ affiliation: 'outcast' });
  });

  it('reads the users with their nicknames and reasons, sorted, skipping items without a JID', () => {
    const query = xml(
      'query',
      { xmlns: NS },
      xml('item', { affiliation: 'outcast', jid: 'eve@x' }, xml('reason', {}, ' spam ')),
      xml('item', { affiliation: 'outcast', nick: 'ghost' }),
      xml('item', { affiliation: 'outcast', jid: 'bob@x', nick: 'Bob' }),
    );
    expect(parseAffiliations(query)).toEqual([{ jid: 'bob@x', nick: 'Bob' }, { jid: 'eve@x', reason: 'spam' }]);
    expect(parseAffiliations(undefined)).toEqual([]);
  });
});
