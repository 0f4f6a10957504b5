// Unit tests of the stanzas one-to-one chat sends: messages, corrections, retractions, reactions, receipts, markers, chat states.
import { describe, expect, it } from 'vitest';
import {
  buildChatMessage,
  buildChatState,
  buildCorrection,
  buildDisplayed,
  buildReactions,
  buildReceipt,
  buildRetraction,
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_FALLBACK,
  NS_HINTS,
  NS_MARKERS,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_REPLY,
  NS_RETRACT,
  NS_SID,
  quoteFallback,
} from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';

describe('chat stanzas', () => {
  it('builds a chat message with its id as origin-id, asking for a receipt and markers, saying we are active', () => {
    const stanza = buildChatMessage({ to: 'bob@example.com', id: 'u1', body: '<b>hi</b>' });
    expect(stanza.toString()).toBe(
      '<message type="chat" to="bob@example.com" id="u1"><body>&lt;b&gt;hi&lt;/b&gt;</body>' +
        `<origin-id xmlns="${NS_SID}" id="u1"/><request xmlns="${NS_RECEIPTS}"/><markable xmlns="${NS_MARKERS}"/><active xmlns="${NS_CHAT_STATES}"/></message>`,
    );
  });

  it('puts a reply’s quote before the text and marks it as fallback by code points (XEP-0461, XEP-0426)', () => {
    const stanza = buildChatMessage({ to: 'bob@x', id: 'u2', body: 'yes', reply: { to: 'bob@x/phone', id: 'r1', quote: '😀 ok?\nsure' } });
    expect(stanza.getChildText('body')).toBe('> 😀 ok?\n> sure\nyes');
    expect(stanza.getChild('reply', NS_REPLY)?.attrs).toEqual({ xmlns: NS_REPLY, to: 'bob@x/phone', id: 'r1' });
    const fallback = stanza.getChild('fallback', NS_FALLBACK);
    expect(fallback?.attrs.for).toBe(NS_REPLY);
    // 15 code points, 16 UTF-16 units: the emoji counts once.
    expect(fallback?.getChild('body')?.attrs).toEqual({ start: '0', end: '15' });
    expect(quoteFallback('a\nb')).toBe('> a\n> b\n');
  });

  it('builds a correction that names the message it replaces (XEP-0308)', () => {
    const stanza = buildCorrection({ to: 'bob@x', id: 'c1', body: 'fixed', replaces: 'u1' });
    expect(stanza.attrs).toEqual({ type: 'chat', to: 'bob@x', id: 'c1' });
    expect(stanza.getChildText('body')).toBe('fixed');
    expect(stanza.getChild('replace', NS_CORRECT)?.attrs.id).toBe('u1');
    expect(stanza.getChild('origin-id', NS_SID)?.attrs.id).toBe('c1');
  });

  it('builds a retraction with a fallback body and a store hint (XEP-0424)', () => {
    const stanza = buildRetraction({ to: 'bob@x', id: 'x1', target: 'u1' });
    expect(stanza.getChild('retract', NS_RETRACT)?.attrs.id).toBe('u1');
    expect(stanza.getChild('fallback', NS_FALLBACK)?.attrs.for).toBe(NS_RETRACT);
    expect(stanza.getChildText('body')).toMatch(/retract/);
    expect(stanza.getChild('store', NS_HINTS)).toBeDefined();
  });

  it('builds our whole set of reactions, and an empty set to remove them (XEP-0444)', () => {
    const stanza = buildReactions({ to: 'bob@x', id: 'e1', target: 'u1', emojis: ['👍', '🎉'] });
    const reactions = stanza.getChild('reactions', NS_REACTIONS);
    expect(reactions?.attrs.id).toBe('u1');
    expect(reactions?.getChildren('reaction').map((each) => each.text())).toEqual(['👍', '🎉']);
    expect(stanza.getChild('body')).toBeUndefined();
    expect(buildReactions({ to: 'bob@x', id: 'e2', target: 'u1', emojis: [] }).getChild('reactions', NS_REACTIONS)?.children).toEqual([]);
  });

  it('builds a receipt to the full JID, a displayed marker and a chat state that is never archived', () => {
    expect(buildReceipt({ to: 'bob@x/phone', id: 'r', of: 'u1' }).toString()).toBe(`<message to="bob@x/phone" id="r"><received xmlns="${NS_RECEIPTS}" id="u1"/></message>`);
    const displayed = buildDisplayed({ to: 'bob@x', id: 'd', of: 'u1' });
    expect(displayed.getChild('displayed', NS_MARKERS)?.attrs.id).toBe('u1');
    expect(displayed.getChild('store', NS_HINTS)).toBeDefined();
    const state = buildChatState({ to: 'bob@x', id: 's', state: 'composing' });
    expect(state.getChild('composing', NS_CHAT_STATES)).toBeDefined();
    expect(state.getChild('no-store', NS_HINTS)).toBeDefined();
    expect(state.getChild('body')).toBeUndefined();
  });
});
