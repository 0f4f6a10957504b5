import { describe, expect, it } from 'vitest';
import { prefixWithin, shortened } from '../../../shared/text/bounded.ts';

describe('text cut to a bound', () => {
  it('leaves text within the bound as it is', () => {
    expect(prefixWithin('hello', 5)).toBe('hello');
    expect(shortened('hello', 5)).toBe('hello');
  });

  it('never splits a surrogate pair, an emoji sequence or a letter with its accent', () => {
    // 👍 is two code units; the cut at 3 falls inside the second one.
    expect(prefixWithin('a👍👍', 4)).toBe('a👍');
    // A family (man, ZWJ, woman, ZWJ, girl) is one grapheme of 8 code units.
    expect(prefixWithin('ok👨‍👩‍👧', 9)).toBe('ok');
    expect(prefixWithin('ok👨‍👩‍👧', 10)).toBe('ok👨‍👩‍👧');
    expect(prefixWithin('cafe\u0301!', 4)).toBe('caf');
  });

  it('cuts a single endless cluster between code points, never inside a pair', () => {
    const endless = `😀${'\u0301'.repeat(10_000)}`;
    expect(prefixWithin(endless, 1)).toBe('');
    expect(prefixWithin(endless, 6)).toBe(endless.slice(0, 6));
  });

  it('marks shortened text with an ellipsis, within the bound', () => {
    const cut = shortened('👍'.repeat(400), 500);
    expect(cut).toBe(`${'👍'.repeat(249)}…`);
    expect(cut.length).toBeLessThanOrEqual(500);
  });
});
