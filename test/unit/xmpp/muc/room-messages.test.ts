// A room's groupchat messages read for the store: sender, direction of our echo, the room's delay and stanza-id trusted only
// as far as the room vouches for them, and the subject (XEP-0045 §7.4, §7.2.15, §8.1; XEP-0359; XEP-0421).
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseRoomMessage, type RoomView } from '../../../../electron/core/xmpp/muc/room-messages.ts';

const ROOM = 'tea@conference.example.org';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const view: RoomView = { accountId: 'acc', room: ROOM, nick: 'me', stanzaIds: true, realJid: (nick) => (nick === 'alice' ? 'alice@example.org/phone' : undefined), now: NOW };

const groupchat = (nick: string | undefined, ...children: Element[]) =>
  xml('message', { type: 'groupchat', from: nick === undefined ? ROOM : `${ROOM}/${nick}`, to: 'me@example.org/desk', id: 'm1' }, ...children);
const body = (text: string) => xml('body', {}, text);

describe('parseRoomMessage', () => {
  it('reads another occupant’s message as incoming groupchat with its sender', () => {
    const parsed = parseRoomMessage(groupchat('alice', body('hi'), xml('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: 'occ-a' })), view);
    expect(parsed).toMatchObject({
      kind: 'message',
      delayed: false,
      message: { peer: ROOM, kind: 'groupchat', direction: 'in', state: 'received', body: 'hi', timestamp: NOW, remoteId: 'm1', read: false, sender: { nick: 'alice', occupantId: 'occ-a', jid: 'alice@example.org/phone' } },
    });
  });

  it('reads our own nickname’s message as ours (the room’s echo), with its origin-id', () => {
    const parsed = parseRoomMessage(groupchat('me', body('mine'), xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'o1' })), view);
    expect(parsed).toMatchObject({ kind: 'message', message: { direction: 'out', state: 'sent', originId: 'o1' } });
  });

  it('marks another occupant’s message that names our nickname as a mention, never our own', () => {
    const mention = (nick: string, text: string) => {
      const parsed = parseRoomMessage(groupchat(nick, body(text)), view);
      return parsed?.kind === 'message' && parsed.message.mention === true;
    };
    expect(mention('alice', 'Me, tea?')).toBe(true);
    expect(mention('alice', 'meet you there')).toBe(false);
    expect(mention('me', 'as for me')).toBe(false);
  });

  it('takes the room’s stanza-id only when the room announces them, and never another entity’s', () => {
    const ids = [xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'me@example.org', id: 'ours' }), xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: ROOM, id: 'room-1' })];
    const trusted = parseRoomMessage(groupchat('alice', body('x'), ...ids), view);
    expect(trusted?.kind === 'message' && trusted.message.stanzaId).toBe('room-1');
    const untrusted = parseRoomMessage(groupchat('alice', body('x'), ...ids), { ...view, stanzaIds: false });
    expect(untrusted?.kind === 'message' && untrusted.message.stanzaId).toBeUndefined();
  });

  it('dates the history the room replays by its delay, marked read, never later than now', () => {
    const delay = (stamp: string, from = ROOM) => xml('delay', { xmlns: 'urn:xmpp:delay', stamp, from });
    const past = parseRoomMessage(groupchat('alice', body('old'), delay('2026-05-31T08:00:00Z')), view);
    expect(past).toMatchObject({ kind: 'message', delayed: true, message: { timestamp: Date.parse('2026-05-31T08:00:00Z'), read: true } });
    const future = parseRoomMessage(groupchat('alice', body('later'), delay('2027-01-01T00:00:00Z')), view);
    expect(future).toMatchObject({ message: { timestamp: NOW } });
    // A delay some other entity stamped (the sender's client) does not date it.
    const foreign = parseRoomMessage(groupchat('alice', body('claimed'), delay('2020-01-01T00:00:00Z', 'alice@example.org/phone')), view);
    expect(foreign).toMatchObject({ delayed: false, message: { timestamp: NOW } });
  });

  it('reads a subject, from an occupant or from the room, and an empty one that clears it', () => {
    expect(parseRoomMessage(groupchat('alice', xml('subject', {}, 'Teatime')), view)).toEqual({ kind: 'subject', subject: 'Teatime', by: 'alice' });
    expect(parseRoomMessage(groupchat(undefined, xml('subject', {}, 'Set by the room')), view)).toEqual({ kind: 'subject', subject: 'Set by the room' });
    expect(parseRoomMessage(groupchat('alice', xml('subject')), view)).toEqual({ kind: 'subject', subject: '', by: 'alice' });
  });

  it('ignores what is not a room message with a body: chat, another room, the room’s own body-less notices', () => {
    expect(parseRoomMessage(xml('message', { type: 'chat', from: `${ROOM}/alice` }, body('pm')), view)).toBeUndefined();
    expect(parseRoomMessage(xml('message', { type: 'groupchat', from: 'other@conference.example.org/alice' }, body('x')), view)).toBeUndefined();
    expect(parseRoomMessage(groupchat(undefined, body('The room is now non-anonymous')), view)).toBeUndefined();
    expect(parseRoomMessage(groupchat('alice'), view)).toBeUndefined();
  });
});
