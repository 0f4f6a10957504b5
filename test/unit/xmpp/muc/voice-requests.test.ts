// XEP-0045 §7.13 and §8.6: a visitor's request for voice, the room's form to its moderators, and the answer to it.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildVoiceRequest, parseVoiceRequest } from '../../../../electron/core/xmpp/muc/voice-requests.ts';
import { applyVoiceAnswered, applyVoiceRequest } from '../../../../renderer/stores/voice-requests.ts';

const NS_DATA = 'jabber:x:data';
const field = (name: string, value: string, type?: string) => xml('field', { var: name, ...(type === undefined ? {} : { type }) }, xml('value', {}, value));
/** The form Prosody's muc/request.lib.lua sends the moderators. */
const roomForm = (attrs: Record<string, string>, nick = 'Bob') =>
  xml(
    'message',
    { from: 'tea@conference.x', type: 'normal', ...attrs },
    xml('x', { xmlns: NS_DATA, type: 'form' }, field('FORM_TYPE', 'http://jabber.org/protocol/muc#request', 'hidden'), field('muc#jid', 'bob@x/phone', 'jid-single'), field('muc#roomnick', nick), field('muc#role', 'participant', 'list-single'), field('muc#request_allow', '0', 'boolean')),
  );

describe('voice requests', () => {
  it('asks for the participant role with a submitted muc#request form (§7.13)', () => {
    const message = buildVoiceRequest('tea@conference.x');
    expect(message.attrs).toEqual({ to: 'tea@conference.x' });
    const x = message.getChild('x', NS_DATA);
    expect(x?.attrs.type).toBe('submit');
    const values: Record<string, string | null> = Object.fromEntries(x?.getChildren('field').map((each) => [String(each.attrs.var), each.getChildText('value')]) ?? []);
    expect(values).toEqual({ FORM_TYPE: 'http://jabber.org/protocol/muc#request', 'muc#role': 'participant' });
  });

  it('reads the room’s form to its moderators, with the visitor’s nickname and real JID (§8.6)', () => {
    expect(parseVoiceRequest(roomForm({}), 5)?.request).toEqual({ room: 'tea@conference.x', nick: 'Bob', jid: 'bob@x/phone', receivedAt: 5 });
  });

  it('ignores the same form from an occupant, in a groupchat message, or without a nickname', () => {
    expect(parseVoiceRequest(roomForm({ from: 'tea@conference.x/Eve' }), 5)).toBeUndefined();
    expect(parseVoiceRequest(roomForm({ type: 'groupchat' }), 5)).toBeUndefined();
    expect(parseVoiceRequest(roomForm({}, ' '), 5)).toBeUndefined();
    expect(parseVoiceRequest(xml('message', { from: 'tea@conference.x' }, xml('body', {}, 'hi')), 5)).toBeUndefined();
  });

  it('keeps one request per visitor and room in the renderer, gone once answered', () => {
    const first = applyVoiceRequest({ byAccount: {} }, 'a1', { room: 'r@c', nick: 'Bob', receivedAt: 1 });
    const again = applyVoiceRequest(first, 'a1', { room: 'r@c', nick: 'Bob', receivedAt: 2 });
    expect(again.byAccount.a1).toEqual([{ room: 'r@c', nick: 'Bob', receivedAt: 2 }]);
    expect(applyVoiceAnswered(again, 'a1', 'r@c', 'Bob').byAccount.a1).toEqual([]);
    expect(applyVoiceAnswered(again, 'a1', 'r@c', 'Eve')).toBe(again);
  });
});
