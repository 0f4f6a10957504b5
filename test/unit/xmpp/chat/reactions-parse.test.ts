// XEP-0444 §4: each <reaction/> a single emoji (UTS #51), a set bounded in count, duplicates ignored.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { NS_REACTIONS } from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { isSingleEmoji, maxReactions, parseReactions } from '../../../../electron/core/xmpp/chat/reactions-parse.ts';

const reactions = (...texts: string[]) => xml('reactions', { xmlns: NS_REACTIONS, id: 'm1' }, ...texts.map((text) => xml('reaction', {}, text)));

describe('XEP-0444 reactions', () => {
  it('accepts single emoji: plain, with skin tone, ZWJ sequences, flags, keycaps, tag sequences, and ❤ without U+FE0F', () => {
    for (const emoji of ['👍', '👍🏽', '❤️', '❤', '👨‍👩‍👧', '🧑🏻‍❤️‍💋‍🧑🏼', '🇫🇷', '1️⃣', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '🫨']) {
      expect(isSingleEmoji(emoji), emoji).toBe(true);
    }
  });

  it('refuses text, digits, two emoji, an emoji with letters or combining marks, and empty or oversized strings', () => {
    for (const text of ['', 'lol', '1', '#', 'a👍', '👍👍', '👍 ', '🇫', '👍\u0301', '<b>👍</b>', '❤️'.repeat(20), 'x'.repeat(10_000)]) {
      expect(isSingleEmoji(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('keeps the distinct emoji in order, drops what is not one, and ignores duplicates', () => {
    expect(parseReactions(reactions('👍', 'spam text', '👍', ' 🎉 ', ''), 'm1')).toEqual({ id: 'm1', emojis: ['👍', '🎉'], dropped: 2 });
  });

  it(`keeps at most ${maxReactions} distinct reactions of one set`, () => {
    const flood = Array.from({ length: 80 }, (_, n) => String.fromCodePoint(0x1f600 + n));
    const parsed = parseReactions(reactions(...flood), 'm1');
    expect(parsed.emojis).toEqual(flood.slice(0, maxReactions));
    expect(parsed.dropped).toBe(80 - maxReactions);
  });
});
