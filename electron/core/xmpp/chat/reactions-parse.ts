// XEP-0444 §4 (Business Rules): a <reactions/> element as the set of emoji it holds, each a single emoji (UTS #51), within bounds.
import type { Element } from '@xmpp/xml';

/** Distinct reactions kept from one sender's set for one message: a set is replaced whole, so this bounds what is stored. */
export const maxReactions = 20;
/** UTF-16 code units; the longest emoji sequences (ZWJ sequences with skin tones, subdivision flags) take 15. */
const maxReactionLength = 32;

const rgiEmoji = /^\p{RGI_Emoji}$/v;
// UTS #51 §1.4 emoji sequences outside Node's RGI list: newer emoji, ZWJ sequences no vendor lists, ❤ without U+FE0F.
const pictographicSequence = /^\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?)*$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** §4: what "can be displayed as a single emoji": one grapheme cluster that is an emoji or an emoji sequence. */
export function isSingleEmoji(text: string): boolean {
  if (text.length === 0 || text.length > maxReactionLength) return false;
  if (rgiEmoji.test(text)) return true;
  if (!pictographicSequence.test(text)) return false;
  const iterator = graphemes.segment(text)[Symbol.iterator]();
  iterator.next();
  return iterator.next().done === true;
}

export interface ParsedReactions {
  /** The id of the message reacted to. */
  readonly id: string;
  /** Distinct emoji in the order sent; empty removes the sender's reactions. */
  readonly emojis: readonly string[];
  /** <reaction/> elements left out: not a single emoji, or past `maxReactions` (the receiver MAY ignore them, §4). */
  readonly dropped: number;
}

export function parseReactions(element: Element, id: string): ParsedReactions {
  const kept = new Set<string>();
  let dropped = 0;
  for (const reaction of element.getChildren('reaction')) {
    const emoji = reaction.text().trim();
    // §4: the same reaction twice is ignored, not counted against the sender.
    if (kept.has(emoji)) continue;
    if (kept.size < maxReactions && isSingleEmoji(emoji)) kept.add(emoji);
    else dropped += 1;
  }
  return { id, emojis: [...kept], dropped };
}
