import { describe, expect, it } from 'vitest';
import { consistentColour, contrast } from '../../../renderer/features/contacts/colour.ts';
import { AA, bubbleIn, nickColour, readableColour } from '../../../renderer/features/rooms/nick-colour.ts';

const nicks = ['alice', 'bob', 'carol', 'dave', 'Ève', 'Zoë', 'a', '🦊', 'très long pseudo avec des espaces', 'romeo', 'juliet', 'x'.repeat(40)];

describe('nickname colours (XEP-0392)', () => {
  it.each(nicks)('read at WCAG AA on the incoming bubble in both themes: %s', (nick) => {
    expect(contrast(readableColour(nick, bubbleIn.light, 'darker'), bubbleIn.light)).toBeGreaterThanOrEqual(AA);
    expect(contrast(readableColour(nick, bubbleIn.dark, 'lighter'), bubbleIn.dark)).toBeGreaterThanOrEqual(AA);
  });

  it('keep the XEP-0392 colour itself where it already reads at AA', () => {
    const dark = [0, 0, 0] as const;
    for (const nick of ['alice', 'bob', 'carol']) expect(readableColour(nick, dark, 'lighter')).toEqual(consistentColour(nick));
  });

  it('differ between nicknames and give one CSS value for both themes', () => {
    expect(nickColour('alice')).not.toBe(nickColour('bob'));
    expect(nickColour('alice')).toMatch(/^light-dark\(rgb\(\d+ \d+ \d+\), rgb\(\d+ \d+ \d+\)\)$/);
  });
});
