import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { mayLearnOnline, refuseWhileInvisible, type Audience } from '../../../../electron/core/xmpp/presence/invisible-guard.ts';

function audience(invisible: boolean): Audience {
  return { invisible: () => invisible, ownBare: 'alice@example.org', domain: 'example.org', seesUs: (bare) => bare === 'bob@example.org' };
}

describe('what may learn that we are online while invisible', () => {
  it('our server, our own account and contacts who see our presence; nobody else', () => {
    const hidden = audience(true);
    expect(mayLearnOnline(undefined, hidden)).toBe(true);
    expect(mayLearnOnline('example.org', hidden)).toBe(true);
    expect(mayLearnOnline('alice@example.org/phone', hidden)).toBe(true);
    expect(mayLearnOnline('Bob@example.org/desk', hidden)).toBe(true);
    expect(mayLearnOnline('carol@example.org/desk', hidden)).toBe(false);
    expect(mayLearnOnline('other.example', hidden)).toBe(false);
  });

  it('everyone while visible', () => {
    expect(mayLearnOnline('carol@example.org/desk', audience(false))).toBe(true);
  });

  it('refuses a stranger’s request with service-unavailable, as if no resource were here', () => {
    const ping = xml('iq', { type: 'get', id: 'p1', from: 'carol@example.org/desk' }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    expect(refuseWhileInvisible(ping, audience(true))?.toString()).toBe(
      '<iq type="error" id="p1" to="carol@example.org/desk"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    );
    expect(refuseWhileInvisible(ping, audience(false))).toBeUndefined();
  });

  it('lets through the server’s own requests, answers, messages and presence', () => {
    const hidden = audience(true);
    expect(refuseWhileInvisible(xml('iq', { type: 'set', id: 'r1' }, xml('query', { xmlns: 'jabber:iq:roster' })), hidden)).toBeUndefined();
    expect(refuseWhileInvisible(xml('iq', { type: 'get', id: 's1', from: 'example.org' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), hidden)).toBeUndefined();
    expect(refuseWhileInvisible(xml('iq', { type: 'result', id: 'x', from: 'carol@example.org/desk' }), hidden)).toBeUndefined();
    expect(refuseWhileInvisible(xml('message', { from: 'carol@example.org/desk' }), hidden)).toBeUndefined();
  });
});
