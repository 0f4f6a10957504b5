// XEP-0425: a moderator's request to remove a room message, the room's notice of it, and the tombstone its history keeps,
// in version 0 (Prosody 0.12's mod_muc_moderation) and version 1.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildModerate, moderationVersion, parseModerationNotice, parseTombstone } from '../../../../electron/core/xmpp/muc/moderation.ts';
import { parseRoomMessage } from '../../../../electron/core/xmpp/muc/room-messages.ts';

const ROOM = 'tea@conference.x';
const reason = (text: string) => xml('reason', {}, text);

describe('message moderation', () => {
  it('prefers version 1 when the room announces both', () => {
    expect(moderationVersion(['urn:xmpp:message-moderate:0', 'urn:xmpp:message-moderate:1'])).toBe('v1');
    expect(moderationVersion(['urn:xmpp:message-moderate:0'])).toBe('v0');
    expect(moderationVersion(['http://jabber.org/protocol/muc'])).toBeUndefined();
  });

  it('asks in version 0 through a fastening, and in version 1 directly, with the reason', () => {
    const v0 = buildModerate(ROOM, 'sid-1', 'v0', ' spam ');
    expect(v0.attrs).toEqual({ type: 'set', to: ROOM });
    const moderate = v0.getChild('apply-to', 'urn:xmpp:fasten:0')?.getChild('moderate', 'urn:xmpp:message-moderate:0');
    expect(v0.getChild('apply-to')?.attrs.id).toBe('sid-1');
    expect(moderate?.getChild('retract', 'urn:xmpp:message-retract:0')).toBeDefined();
    expect(moderate?.getChildText('reason')).toBe('spam');
    const v1 = buildModerate(ROOM, 'sid-1', 'v1');
    expect(v1.getChild('moderate', 'urn:xmpp:message-moderate:1')?.attrs.id).toBe('sid-1');
    expect(v1.getChild('moderate')?.getChild('retract', 'urn:xmpp:message-retract:1')).toBeDefined();
    expect(v1.getChild('moderate')?.getChild('reason')).toBeUndefined();
  });

  it('reads the room’s notice in both versions, only from the room itself', () => {
    const v0 = xml(
      'message',
      { type: 'groupchat', from: ROOM },
      xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id: 'sid-1' }, xml('moderated', { xmlns: 'urn:xmpp:message-moderate:0', by: `${ROOM}/Alice` }, xml('retract', { xmlns: 'urn:xmpp:message-retract:0' }), reason('spam'))),
    );
    expect(parseModerationNotice(v0, ROOM)).toEqual({ stanzaId: 'sid-1', moderation: { by: `${ROOM}/Alice`, reason: 'spam' } });
    expect(parseModerationNotice(xml('message', { ...v0.attrs, from: `${ROOM}/Eve` }, ...v0.getChildElements()), ROOM)).toBeUndefined();
    const v1 = xml('message', { type: 'groupchat', from: ROOM }, xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: 'sid-2' }, xml('moderated', { xmlns: 'urn:xmpp:message-moderate:1', by: `${ROOM}/Bob` }), reason('off topic')));
    expect(parseModerationNotice(v1, ROOM)).toEqual({ stanzaId: 'sid-2', moderation: { by: `${ROOM}/Bob`, reason: 'off topic' } });
    // A retraction by its sender (XEP-0424) is no moderation.
    expect(parseModerationNotice(xml('message', { type: 'groupchat', from: ROOM }, xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id: 'sid-3' })), ROOM)).toBeUndefined();
  });

  it('reads the tombstone in place of a removed message as a retracted room message with an empty body', () => {
    const tombstone = xml(
      'message',
      { type: 'groupchat', from: `${ROOM}/Carol`, id: 'm1' },
      xml('moderated', { xmlns: 'urn:xmpp:message-moderate:0', by: `${ROOM}/Alice` }, xml('retracted', { xmlns: 'urn:xmpp:message-retract:0', stamp: '2026-01-01T00:00:00Z' }), reason('spam')),
      xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: ROOM, id: 'sid-1' }),
    );
    expect(parseTombstone(tombstone)).toEqual({ by: `${ROOM}/Alice`, reason: 'spam' });
    const parsed = parseRoomMessage(tombstone, { accountId: 'a', room: ROOM, nick: 'me', stanzaIds: true, realJid: () => undefined, now: 1 });
    expect(parsed).toMatchObject({ kind: 'message', message: { body: '', retracted: true, moderated: { reason: 'spam' }, stanzaId: 'sid-1', sender: { nick: 'Carol' } } });
    const v1 = xml('message', {}, xml('retracted', { xmlns: 'urn:xmpp:message-retract:1', stamp: 'x' }, xml('moderated', { xmlns: 'urn:xmpp:message-moderate:1', by: `${ROOM}/Bob` }), reason('r')));
    expect(parseTombstone(v1)).toEqual({ by: `${ROOM}/Bob`, reason: 'r' });
    expect(parseTombstone(xml('message', {}, xml('body', {}, 'hi')))).toBeUndefined();
  });
});
