// Unit tests of reading a one-to-one <message/>: direction, peer, XEP-0359 ids, replies, edits, reactions, receipts, markers.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import {
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_DELAY,
  NS_FALLBACK,
  NS_MARKERS,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_REPLY,
  NS_RETRACT,
  NS_SID,
} from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { parseMessage } from '../../../../electron/core/xmpp/chat/message-parse.ts';

const own = 'bob@example.com';
const incoming = (...children: Element[]) => xml('message', { type: 'chat', from: 'Alice@Example.org/phone', to: `${own}/desk`, id: 'x1' }, ...children);
const body = (text: string) => xml('body', {}, text);

describe('parseMessage', () => {
  it('reads an incoming message: the peer is the sender’s bare JID, receipts go to the full JID', () => {
    const parsed = parseMessage(incoming(body('<img src=x onerror=alert(1)>'), xml('origin-id', { xmlns: NS_SID, id: 'o1' })), own);
    expect(parsed).toMatchObject({ direction: 'in', peer: 'alice@example.org', from: 'Alice@Example.org/phone', id: 'x1', originId: 'o1', body: '<img src=x onerror=alert(1)>' });
    expect(parsed?.receiptRequested).toBe(false);
    expect(parsed?.markable).toBe(false);
  });

  it('marks a body that is the URL the stanza shares out of band (XEP-0066), and no other', () => {
    const url = 'https://upload.example.org/abc/photo.jpg';
    const oob = (text: string) => xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, text));
    expect(parseMessage(incoming(body(url), oob(url)), own)?.oob).toBe(true);
    expect(parseMessage(incoming(body(`look: ${url}`), oob(url)), own)?.oob).toBeUndefined();
    expect(parseMessage(incoming(body(url)), own)?.oob).toBeUndefined();
    expect(parseMessage(incoming(body('javascript:alert(1)'), oob('javascript:alert(1)')), own)?.oob).toBeUndefined();
  });

  it('reads a message from our own bare JID as outgoing, to the recipient', () => {
    const parsed = parseMessage(xml('message', { type: 'chat', from: `${own}/other`, to: 'alice@example.org/phone', id: 'x2' }, body('mine')), own);
    expect(parsed).toMatchObject({ direction: 'out', peer: 'alice@example.org', body: 'mine' });
  });

  it('reads an error bounce as coming from the peer, with the server’s text or condition', () => {
    const bounce = (...children: Element[]) =>
      xml('message', { type: 'error', from: 'alice@example.org', to: `${own}/desk`, id: 'u1' }, xml('error', { type: 'cancel' }, ...children));
    const withText = parseMessage(
      bounce(xml('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'No such user')),
      own,
    );
    expect(withText).toMatchObject({ direction: 'in', peer: 'alice@example.org', id: 'u1', error: 'No such user' });
    expect(parseMessage(bounce(xml('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })), own)?.error).toMatch(/service-unavailable/);
  });

  it('trusts a stanza-id only when our own server set it (XEP-0359 §3.1), and prefers the archive’s id', () => {
    const forged = xml('stanza-id', { xmlns: NS_SID, id: 'forged', by: 'alice@example.org' });
    expect(parseMessage(incoming(body('hi'), forged), own)?.stanzaId).toBeUndefined();
    const both = incoming(body('hi'), forged, xml('stanza-id', { xmlns: NS_SID, id: 's1', by: own }));
    expect(parseMessage(both, own)?.stanzaId).toBe('s1');
    expect(parseMessage(both, own, 'archived')?.stanzaId).toBe('archived');
  });

  it('takes the time of a delayed message from its XEP-0203 stamp', () => {
    const parsed = parseMessage(incoming(body('hi'), xml('delay', { xmlns: NS_DELAY, stamp: '2026-01-02T03:04:05Z' })), own);
    expect(parsed?.delay).toEqual({ at: Date.UTC(2026, 0, 2, 3, 4, 5) });
  });

  it('strips a reply’s fallback by code points, with an emoji before the range, and keeps the quote (XEP-0461, XEP-0426)', () => {
    // "😀 " is 2 code points but 3 UTF-16 units; the fallback "> hello\n" spans code points 2 to 10.
    const parsed = parseMessage(
      incoming(
        body('😀 > hello\nanswer'),
        xml('reply', { xmlns: NS_REPLY, to: `${own}/desk`, id: 'u9' }),
        xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '2', end: '10' })),
      ),
      own,
    );
    expect(parsed?.body).toBe('😀 answer');
    expect(parsed?.reply).toEqual({ id: 'u9', quote: 'hello' });
  });

  it('keeps the whole body when a reply’s fallback range is out of bounds', () => {
    const parsed = parseMessage(
      incoming(body('short'), xml('reply', { xmlns: NS_REPLY, id: 'u9' }), xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '0', end: '99' }))),
      own,
    );
    expect(parsed?.body).toBe('short');
    expect(parsed?.reply).toEqual({ id: 'u9' });
  });

  it('gives a retraction and a reaction no body, only what they refer to', () => {
    const retraction = parseMessage(incoming(xml('retract', { xmlns: NS_RETRACT, id: 'u1' }), body('This person attempted to retract…')), own);
    expect(retraction?.retracts).toBe('u1');
    expect(retraction?.body).toBeUndefined();
    const reaction = parseMessage(
      incoming(xml('reactions', { xmlns: NS_REACTIONS, id: 'u1' }, xml('reaction', {}, '👍'), xml('reaction', {}, ''), xml('reaction', {}, '🎉')), body('👍')),
      own,
    );
    expect(reaction?.reactions).toEqual({ id: 'u1', emojis: ['👍', '🎉'], dropped: 1 });
    expect(reaction?.body).toBeUndefined();
  });

  it('reads the older XEP-0424 retraction inside a fastening, and nothing else fastened', () => {
    const legacy = parseMessage(
      incoming(xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id: 'o7' }, xml('retract', { xmlns: 'urn:xmpp:message-retract:0' })), body('This person attempted to retract…')),
      own,
    );
    expect(legacy).toMatchObject({ retracts: 'o7' });
    expect(legacy?.body).toBeUndefined();
    const other = parseMessage(incoming(xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id: 'o7' }, xml('external', { xmlns: 'urn:xmpp:fasten:0' })), body('text')), own);
    expect(other?.retracts).toBeUndefined();
    expect(other?.body).toBe('text');
  });

  it('reads a correction with the id it replaces (XEP-0308)', () => {
    expect(parseMessage(incoming(body('fixed'), xml('replace', { xmlns: NS_CORRECT, id: 'x0' })), own)).toMatchObject({ body: 'fixed', replaces: 'x0' });
  });

  it('reads chat states, markers, receipts and their requests', () => {
    expect(parseMessage(incoming(xml('composing', { xmlns: NS_CHAT_STATES })), own)?.chatState).toBe('composing');
    expect(parseMessage(incoming(xml('dancing', { xmlns: NS_CHAT_STATES })), own)?.chatState).toBeUndefined();
    expect(parseMessage(incoming(xml('displayed', { xmlns: NS_MARKERS, id: 'u1' })), own)?.marker).toEqual({ kind: 'displayed', id: 'u1' });
    expect(parseMessage(incoming(xml('received', { xmlns: NS_MARKERS, id: 'u2' })), own)?.marker).toEqual({ kind: 'received', id: 'u2' });
    expect(parseMessage(incoming(xml('received', { xmlns: NS_RECEIPTS, id: 'u3' })), own)?.receiptFor).toBe('u3');
    const asking = parseMessage(incoming(body('hi'), xml('request', { xmlns: NS_RECEIPTS }), xml('markable', { xmlns: NS_MARKERS })), own);
    expect(asking).toMatchObject({ receiptRequested: true, markable: true });
  });

  it('ignores group chat, headlines, messages neither from nor to us and messages to ourselves', () => {
    expect(parseMessage(xml('message', { type: 'groupchat', from: 'room@muc.x/nick', to: own }, body('hi')), own)).toBeUndefined();
    expect(parseMessage(xml('message', { type: 'headline', from: 'news@x', to: own }, body('hi')), own)).toBeUndefined();
    expect(parseMessage(xml('message', { type: 'chat', from: 'alice@x/r', to: 'carol@x' }, body('hi')), own)).toBeUndefined();
    expect(parseMessage(xml('message', { type: 'chat', from: `${own}/a`, to: `${own}/b` }, body('hi')), own)).toBeUndefined();
    expect(parseMessage(xml('presence', { from: 'alice@x/r' }), own)).toBeUndefined();
  });

  it('reads a private message through a room as with the occupant, never with the room’s bare JID (XEP-0045 §7.5)', () => {
    const muc = xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' });
    const occupantId = xml('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: 'occ-1' });
    const fromOccupant = xml('message', { type: 'chat', from: 'room@conference.example.org/Alice', to: `${own}/desk`, id: 'p1' }, body('psst'), muc, occupantId);
    expect(parseMessage(fromOccupant, own)).toMatchObject({
      kind: 'private',
      direction: 'in',
      peer: 'room@conference.example.org/Alice',
      sender: { nick: 'Alice', occupantId: 'occ-1' },
      body: 'psst',
    });
    const toOccupant = xml('message', { type: 'chat', from: `${own}/phone`, to: 'room@conference.example.org/Alice', id: 'p2' }, body('hi'), muc);
    expect(parseMessage(toOccupant, own)).toMatchObject({ kind: 'private', direction: 'out', peer: 'room@conference.example.org/Alice' });
    // A room's own bare JID with muc#user is no occupant: nobody to talk to privately.
    expect(parseMessage(xml('message', { type: 'chat', from: 'room@conference.example.org', to: own }, body('x'), muc), own)).toBeUndefined();
    expect(parseMessage(incoming(body('plain')), own)?.kind).toBe('chat');
  });

  it('reads a message without a type as a normal chat message', () => {
    expect(parseMessage(xml('message', { from: 'alice@x/r', to: own }, body('hi')), own)).toMatchObject({ direction: 'in', peer: 'alice@x', body: 'hi' });
  });
});
