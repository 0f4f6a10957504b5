import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { parsePresence, parsePriority } from '../../../../electron/core/xmpp/presence/presence-stanza.ts';

describe('contact presence stanzas (RFC 6121 §4)', () => {
  it('reads show, status, priority, caps and XEP-0319 idle of an available presence', () => {
    const stanza = xml(
      'presence',
      { from: 'Bob@Example.com/phone' },
      xml('show', {}, 'dnd'),
      xml('status', {}, ' Busy '),
      xml('priority', {}, '7'),
      xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: 'https://x', ver: 'abc=' }),
      xml('idle', { xmlns: 'urn:xmpp:idle:1', since: '2024-01-02T03:04:05Z' }),
    );
    expect(parsePresence(stanza)).toEqual({
      kind: 'available',
      bare: 'bob@example.com',
      presence: { resource: 'phone', show: 'dnd', status: 'Busy', priority: 7, idleSince: Date.UTC(2024, 0, 2, 3, 4, 5) },
      caps: { hash: 'sha-1', node: 'https://x', ver: 'abc=' },
    });
  });

  it('reads no show or an unknown one as online, and a bad priority as 0, clamped to -128..127', () => {
    expect(parsePresence(xml('presence', { from: 'a@b/r' }, xml('show', {}, 'sleeping')))).toMatchObject({ presence: { show: 'online', priority: 0 } });
    expect(parsePriority('abc')).toBe(0);
    expect(parsePriority('+300')).toBe(127);
    expect(parsePriority('-300')).toBe(-128);
    expect(parsePriority(null)).toBe(0);
  });

  it('leaves out legacy caps without a hash (XEP-0115 §8.3)', () => {
    const stanza = xml('presence', { from: 'a@b/r' }, xml('c', { xmlns: 'http://jabber.org/protocol/caps', node: 'n', ver: '1.0' }));
    expect(parsePresence(stanza)).not.toHaveProperty('caps');
  });

  it('reads an unavailable presence with when the user was last active', () => {
    const stanza = xml('presence', { from: 'a@b/r', type: 'unavailable' }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2024-05-06T07:08:09Z' }));
    expect(parsePresence(stanza)).toEqual({ kind: 'unavailable', bare: 'a@b', resource: 'r', lastActive: Date.UTC(2024, 4, 6, 7, 8, 9) });
  });

  it('puts an error presence in words', () => {
    const stanza = xml(
      'presence',
      { from: 'a@nowhere', type: 'error' },
      xml('error', { type: 'cancel' }, xml('remote-server-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })),
    );
    expect(parsePresence(stanza)).toEqual({ kind: 'error', bare: 'a@nowhere', message: 'Presence failed: their server could not be found.' });
  });

  it('reads subscription requests with their message, and ignores probes, group chat occupants and a missing from', () => {
    expect(parsePresence(xml('presence', { from: 'a@b', type: 'subscribe' }, xml('status', {}, 'Hi')))).toEqual({ kind: 'subscription', bare: 'a@b', type: 'subscribe', message: 'Hi' });
    expect(parsePresence(xml('presence', { from: 'a@b', type: 'probe' }))).toBeUndefined();
    expect(parsePresence(xml('presence', { from: 'room@muc/nick' }, xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' })))).toBeUndefined();
    expect(parsePresence(xml('presence', {}))).toBeUndefined();
  });

  it('shortens a status and a subscription request’s words to 500 code units on a character boundary', () => {
    const long = `a${'😀'.repeat(1_000)}`;
    const status = parsePresence(xml('presence', { from: 'a@b/r' }, xml('status', {}, long)));
    expect(status).toMatchObject({ presence: { status: `a${'😀'.repeat(249)}…` } });
    const request = parsePresence(xml('presence', { from: 'spam@b', type: 'subscribe' }, xml('status', {}, 'x'.repeat(100_000))));
    expect(request).toEqual({ kind: 'subscription', bare: 'spam@b', type: 'subscribe', message: `${'x'.repeat(499)}…` });
    const error = parsePresence(
      xml('presence', { from: 'a@b', type: 'error' }, xml('error', { type: 'cancel' }, xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'y'.repeat(5_000)))),
    );
    expect(error?.kind === 'error' && error.message.length).toBeLessThan(700);
  });
});
