// XEP-0234 §5 (the <range/> element) and §6.4 (ranged transfers): which bytes of a file a session carries. Pure arithmetic: the
// range a sender serves for a request, and the range a receiver asks for to resume from the bytes it already has.

/** The bytes a session carries: `length` bytes from `offset`. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** §5: a <range/> as received; offset defaults to 0, length to the rest of the file. */
export interface RangeRequest {
  readonly offset: number;
  readonly length?: number;
}

const count = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/** §5: the bytes to serve for a request on a file of `size` bytes; undefined when the range does not fit in the file. */
export function servedRange(range: RangeRequest | undefined, size: number): ByteRange | undefined {
  if (!count(size)) return undefined;
  const offset = range?.offset ?? 0;
  if (!count(offset) || offset > size) return undefined;
  const length = range?.length ?? size - offset;
  if (!count(length) || offset + length > size) return undefined;
  return { offset, length };
}

/**
 * §6.4: what a receiver holding `have` bytes of a `size`-byte file asks for: the rest, from `have`. A partial file
 * longer than the offer is not that file's beginning: it starts over from 0.
 */
export function resumeRange(have: number, size: number): ByteRange | undefined {
  if (!count(size)) return undefined;
  const offset = count(have) && have <= size ? have : 0;
  return { offset, length: size - offset };
}

/** A receiver takes a range only if it ends the file, so that the bytes kept and the bytes coming make the whole file. */
export const completesFile = (range: ByteRange, have: number, size: number): boolean => range.offset === have && range.offset + range.length === size;
