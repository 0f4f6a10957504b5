// A search hit as shown: the snippet's marked runs and the short date.
import { describe, expect, it } from 'vitest';
import { shortDate } from '../../../renderer/i18n/short-date.ts';
import { snippetParts } from '../../../renderer/features/search/snippet.ts';

describe('a search hit’s snippet', () => {
  it('splits the text into plain and matched runs at the markers', () => {
    expect(snippetParts('…see you at the \u0002station\u0003 at \u0002noon\u0003')).toEqual([
      { text: '…see you at the ', match: false },
      { text: 'station', match: true },
      { text: ' at ', match: false },
      { text: 'noon', match: true },
    ]);
  });

  it('keeps markup as text and never shows a marker, even unpaired', () => {
    expect(snippetParts('<img src=x onerror=alert(1)> \u0002b\u0003')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'b', match: true },
    ]);
    expect(snippetParts('a\u0003b\u0002c')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
      { text: 'c', match: true },
    ]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('a search hit’s date', () => {
  const now = new Date(2026, 10, 23, 15, 30).getTime();
  it('is the time today, the day this year and the full date before', () => {
    expect(shortDate(new Date(2026, 10, 23, 9, 5).getTime(), now, 'en-GB')).toBe('09:05');
    expect(shortDate(new Date(2026, 2, 4, 9, 5).getTime(), now, 'en-GB')).toBe('4 Mar');
    expect(shortDate(new Date(2024, 2, 4, 9, 5).getTime(), now, 'en-GB')).toBe('4 Mar 2024');
  });
});
