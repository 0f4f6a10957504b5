import { describe, expect, it } from 'vitest';
import { mentions } from '../../../../electron/core/xmpp/muc/mentions.ts';

describe('mentions of our nickname in a room', () => {
  it('finds the nickname as a word of its own, in any case, wherever it stands', () => {
    expect(mentions('alice: tea?', 'Alice')).toBe(true);
    expect(mentions('Is ALICE there?', 'alice')).toBe(true);
    expect(mentions('thanks, Alice in Wonderland!', 'Alice in Wonderland')).toBe(true);
    expect(mentions('@alice', 'alice')).toBe(true);
  });

  it('does not find it inside another word, nor an empty nickname', () => {
    expect(mentions('malice aforethought', 'alice')).toBe(false);
    expect(mentions('Alice', 'Al')).toBe(false);
    expect(mentions('alice2 is here', 'alice')).toBe(false);
    expect(mentions('anything', ' ')).toBe(false);
  });
});
