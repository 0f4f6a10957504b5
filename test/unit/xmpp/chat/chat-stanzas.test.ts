import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildChatMessage, NS_SID, parseChatMessage } from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';

const own = 'bob@example.com';

describe('chat stanzas', () => {
  it('builds a chat message carrying its id as origin-id (XEP-0359)', () => {
    expect(buildChatMessage({ to: 'bob@example.com', id: 'u1', body: '<b>hi</b>' }).toString()).toBe(
      '<message type="chat" to="bob@example.com" id="u1"><body>&lt;b&gt;hi&lt;/b&gt;</body><origin-id xmlns="urn:xmpp:sid:0" id="u1"/></message>',
    );
  });

  it('parses a chat message with a body from any JID, to the bare sender', () => {
    const stanza = xml(
      'message',
      { type: 'chat', from: 'Stranger@Example.org/phone', id: 'x' },
      xml('body', {}, '<img src=x onerror=alert(1)>'),
      xml('origin-id', { xmlns: NS_SID, id: 'o1' }),
      xml('stanza-id', { xmlns: NS_SID, id: 'forged', by: 'stranger@example.org' }),
      xml('stanza-id', { xmlns: NS_SID, id: 's1', by: own }),
    );
    expect(parseChatMessage(stanza, own)).toEqual({ from: 'stranger@example.org', body: '<img src=x onerror=alert(1)>', id: 'x', originId: 'o1', stanzaId: 's1' });
  });

  it('takes the time of a delayed message from its XEP-0203 stamp', () => {
    const stanza = xml('message', { type: 'chat', from: 'a@x/r' }, xml('body', {}, 'hi'), xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-01-02T03:04:05Z' }));
    expect(parseChatMessage(stanza, own)?.delayedAt).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('keeps a stanza-id only when our own server set it', () => {
    const stanza = xml('message', { from: 'a@x/r' }, xml('body', {}, 'hi'), xml('stanza-id', { xmlns: NS_SID, id: 'forged', by: 'a@x' }));
    expect(parseChatMessage(stanza, own)).toEqual({ from: 'a@x', body: 'hi' });
  });

  it('ignores errors, group chat, headlines, bodiless messages and messages without a sender', () => {
    const body = () => xml('body', {}, 'hi');
    expect(parseChatMessage(xml('message', { type: 'error', from: 'a@x' }, body()), own)).toBeUndefined();
    expect(parseChatMessage(xml('message', { type: 'groupchat', from: 'room@x/n' }, body()), own)).toBeUndefined();
    expect(parseChatMessage(xml('message', { type: 'headline', from: 'a@x' }, body()), own)).toBeUndefined();
    expect(parseChatMessage(xml('message', { type: 'chat', from: 'a@x' }), own)).toBeUndefined();
    expect(parseChatMessage(xml('message', { type: 'chat' }, body()), own)).toBeUndefined();
  });
});
