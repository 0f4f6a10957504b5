// Long messages are shown shortened until asked for: past about 1,000 characters or 15 lines, a huge paste would flood the list.
import { prefixWithin } from '../../../shared/text/bounded.ts';

export const collapseChars = 1_000;
export const collapseLines = 15;

/** Where the first `collapseLines` lines end, or the body's length when it has no more. */
function endOfLines(body: string): number {
  let end = -1;
  for (let line = 0; line < collapseLines; line += 1) {
    end = body.indexOf('\n', end + 1);
    if (end === -1) return body.length;
  }
  return end;
}

/**
 * The shortened text to show first, or undefined when the body is short enough to show whole. Only the start of the body
 * is read, so a huge one costs no more than a short one until it is expanded; the cut never splits a character.
 */
export function collapsedText(body: string): string | undefined {
  const end = endOfLines(body);
  if (body.length <= collapseChars && end === body.length) return undefined;
  return `${prefixWithin(body.slice(0, end), collapseChars).trimEnd()}…`;
}
