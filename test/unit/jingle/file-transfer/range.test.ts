import { describe, expect, it } from 'vitest';
import { completesFile, resumeRange, servedRange } from '../../../../electron/core/jingle/file-transfer/range.ts';
import { buildFile, parseFile } from '../../../../electron/core/jingle/file-stanzas.ts';

describe('XEP-0234 ranges: what a sender serves', () => {
  it.each([
    ['no <range/>: the whole file', undefined, 100, { offset: 0, length: 100 }],
    ['an empty <range/>: the whole file', { offset: 0 }, 100, { offset: 0, length: 100 }],
    ['an offset: the rest of the file from it', { offset: 40 }, 100, { offset: 40, length: 60 }],
    ['an offset and a length: that window', { offset: 40, length: 10 }, 100, { offset: 40, length: 10 }],
    ['a length only: from the start', { offset: 0, length: 10 }, 100, { offset: 0, length: 10 }],
    ['the offset at the end: nothing left', { offset: 100 }, 100, { offset: 100, length: 0 }],
    ['a window that ends the file exactly', { offset: 90, length: 10 }, 100, { offset: 90, length: 10 }],
  ] as const)('%s', (_name, range, size, expected) => {
    expect(servedRange(range, size)).toEqual(expected);
  });

  it.each([
    ['an offset past the end', { offset: 101 }, 100],
    ['a window past the end', { offset: 90, length: 11 }, 100],
    ['a negative offset', { offset: -1 }, 100],
    ['a negative length', { offset: 0, length: -5 }, 100],
    ['a fractional offset', { offset: 1.5 }, 100],
    ['an unsafe integer', { offset: 2 ** 60 }, 2 ** 61],
    ['a file of no sensible size', { offset: 0 }, -1],
  ] as const)('refuses %s', (_name, range, size) => {
    expect(servedRange(range, size)).toBeUndefined();
  });
});

describe('XEP-0234 ranges: what a receiver asks for to resume', () => {
  it('asks for the rest from the bytes it holds', () => {
    expect(resumeRange(270_336, 1_000_000)).toEqual({ offset: 270_336, length: 729_664 });
  });

  it('holding nothing, or everything, asks from 0 or for no byte', () => {
    expect(resumeRange(0, 10)).toEqual({ offset: 0, length: 10 });
    expect(resumeRange(10, 10)).toEqual({ offset: 10, length: 0 });
  });

  it('a partial file longer than the offer is not its beginning: it starts over', () => {
    expect(resumeRange(11, 10)).toEqual({ offset: 0, length: 10 });
    expect(resumeRange(-3, 10)).toEqual({ offset: 0, length: 10 });
  });

  it('takes only a range that starts at its bytes and ends the file', () => {
    expect(completesFile({ offset: 40, length: 60 }, 40, 100)).toBe(true);
    expect(completesFile({ offset: 0, length: 100 }, 40, 100)).toBe(false);
    expect(completesFile({ offset: 40, length: 50 }, 40, 100)).toBe(false);
    expect(completesFile({ offset: 30, length: 70 }, 40, 100)).toBe(false);
  });
});

describe('XEP-0234 §5 <range/> on the wire', () => {
  const file = { name: 'a.bin', size: 100, hashes: [], hashesUsed: ['sha-256'] };

  it('an empty range says we can resume; an offset and a length go as attributes and come back', () => {
    expect(buildFile({ ...file, range: { offset: 0 } }).getChild('range')?.attrs).toEqual({});
    const built = buildFile({ ...file, range: { offset: 40, length: 10 } });
    expect(built.getChild('range')?.attrs).toEqual({ offset: '40', length: '10' });
    expect(parseFile(built)?.range).toEqual({ offset: 40, length: 10 });
  });

  it.each([
    ['an offset that is no number', { offset: 'ten' }],
    ['a negative offset', { offset: '-4' }],
    ['a length that is no number', { offset: '4', length: '4.5' }],
  ])('a <file/> whose range has %s is refused as a whole', (_name, attrs) => {
    const built = buildFile({ ...file, range: { offset: 0 } });
    const range = built.getChild('range');
    if (range) Object.assign(range.attrs, attrs);
    expect(range?.attrs).toEqual(attrs);
    expect(parseFile(built)).toBeUndefined();
  });
});
