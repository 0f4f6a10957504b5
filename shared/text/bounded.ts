// Text cut to a bound without breaking what the reader sees as one character: on a grapheme cluster boundary (UAX #29).

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The longest start of `text` of at most `max` UTF-16 code units ending on a grapheme boundary, else between code points. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // The segmenter is lazy: only the start up to the bound is walked.
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  if (end > 0) return text.slice(0, end);
  // A single cluster longer than the bound (endless combining marks): never split a surrogate pair at least.
  return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
}

/** `text` within `max` code units, ending in "…" when it had to be shortened. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${prefixWithin(text, max - 1)}…`;
}
