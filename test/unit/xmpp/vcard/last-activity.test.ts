import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildLastActivityGet, NS_LAST, parseLastActivity } from '../../../../electron/core/xmpp/vcard/last-activity.ts';

describe('XEP-0012 last activity', () => {
  const now = 1_800_000_000_000;
  const reply = (seconds: string) => xml('iq', { type: 'result' }, xml('query', { xmlns: NS_LAST, seconds }));

  it('asks the bare JID', () => {
    expect(buildLastActivityGet('bob@example.org').toString()).toBe('<iq type="get" to="bob@example.org"><query xmlns="jabber:iq:last"/></iq>');
  });

  it('turns seconds ago into a time', () => {
    expect(parseLastActivity(reply('903'), now)).toBe(now - 903_000);
    expect(parseLastActivity(reply('0'), now)).toBe(now);
  });

  it('ignores a missing, negative or absurd answer', () => {
    expect(parseLastActivity(xml('iq', { type: 'result' }), now)).toBeUndefined();
    expect(parseLastActivity(reply('-5'), now)).toBeUndefined();
    expect(parseLastActivity(reply('1.5'), now)).toBeUndefined();
    expect(parseLastActivity(reply('99999999999'), now)).toBeUndefined();
    expect(parseLastActivity(reply('soon'), now)).toBeUndefined();
  });
});
