// A room's refusals (XEP-0045 §7.2.6–§7.2.10) as the typed errors the renderer words, each with its translation context.
import { describe, expect, it } from 'vitest';
import { joinError, roomRefused } from '../../../../electron/core/xmpp/muc/join-errors.ts';

const ROOM = 'tea@conference.example.org';

describe('joinError', () => {
  it.each([
    ['conflict', 'conflict', 'nickInUse'],
    ['not-authorized', 'not-authorized', 'roomPassword'],
    ['registration-required', 'not-authorized', 'membersOnly'],
    ['forbidden', 'not-authorized', 'banned'],
    ['item-not-found', 'not-found', 'room'],
    ['remote-server-not-found', 'not-found', 'room'],
    ['gone', 'not-found', 'roomGone'],
    ['service-unavailable', 'not-supported', 'roomUnavailable'],
    ['jid-malformed', 'bad-request', 'roomRefused'],
  ])('%s is %s with context %s', (condition, code, context) => {
    expect(joinError(condition, ROOM, 'Alice').toJSON()).toMatchObject({ code, params: { context, room: ROOM } });
  });

  it('names the nickname in use, and carries the room’s own words apart', () => {
    expect(joinError('conflict', ROOM, 'Alice', 'Nickname taken').toJSON().params).toEqual({ context: 'nickInUse', nick: 'Alice', room: ROOM, serverText: 'Nickname taken' });
  });
});

describe('roomRefused', () => {
  it('says plainly that the room does not allow it, and otherwise names the condition', () => {
    expect(roomRefused('forbidden', ROOM).toJSON()).toMatchObject({ code: 'not-authorized', params: { context: 'roomForbidden' } });
    expect(roomRefused('not-allowed', ROOM).toJSON()).toMatchObject({ code: 'not-authorized', params: { context: 'roomForbidden' } });
    expect(roomRefused('item-not-found', ROOM).toJSON()).toMatchObject({ code: 'not-found', params: { context: 'room' } });
    expect(roomRefused('not-acceptable', ROOM).toJSON()).toMatchObject({ code: 'bad-request', params: { context: 'roomRefused', condition: 'not-acceptable' } });
  });
});
