// SASLprep, RFC 4013 §2: map, normalise, then refuse what a server would prepare differently or not at all.
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { leftToRight, prohibitedTables, randAL, unassigned } from './stringprep-tables.ts';

/** RFC 3454 §7: a query may hold code points unassigned in Unicode 3.2, a stored string may not. */
export type PrepKind = 'query' | 'stored';

type Ranges = readonly (readonly [number, number])[];

function parseRanges(packed: string): Ranges {
  return packed
    .split(' ')
    .filter((part) => part !== '')
    .map((part) => {
      const [from = '', to = from] = part.split('-');
      return [Number.parseInt(from, 16), Number.parseInt(to, 16)] as const;
    });
}

function contains(ranges: Ranges, code: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle] ?? [0, -1];
    if (code < from) high = middle - 1;
    else if (code > to) low = middle + 1;
    else return true;
  }
  return false;
}

const prohibited = Object.entries(prohibitedTables).map(([name, packed]) => ({ name, ranges: parseRanges(packed) }));
const nonAsciiSpace = prohibited[0]?.ranges ?? [];
const unassignedRanges = parseRanges(unassigned);
const randALRanges = parseRanges(randAL);
const leftToRightRanges = parseRanges(leftToRight);

// RFC 3454 table B.1: code points mapped to nothing.
const mappedToNothing = (code: number) =>
  code === 0x00ad || code === 0x034f || code === 0x1806 || (code >= 0x180b && code <= 0x180d) || (code >= 0x200b && code <= 0x200d) ||
  code === 0x2060 || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const advice: Record<PrepKind, string> = {
  query: 'Type it again without that character, or change it on the server.',
  stored: 'Choose one without that character.',
};

/** `what` names the string ("password", "username"), `why` says what is wrong with it. */
const unusable = (kind: PrepKind, what: string, why: string) =>
  new CausetteError('invalid-credentials', `The ${what} cannot be used to sign in: it ${why}. ${advice[kind]}`, undefined, {
    context: `${what === 'username' ? 'username' : 'password'}${kind === 'stored' ? 'New' : ''}`,
  });

/** RFC 4013 §2: prepares `text`; throws an 'invalid-credentials' error naming `what` when the result is not allowed. */
export function saslPrep(text: string, kind: PrepKind = 'query', what = 'password'): string {
  let mapped = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    // §2.1: B.1 first, so that ZERO WIDTH SPACE (in both B.1 and C.1.2) disappears rather than becoming a space.
    if (mappedToNothing(code)) continue;
    mapped += contains(nonAsciiSpace, code) ? ' ' : character;
  }
  // §2.2: NFKC.
  const prepared = mapped.normalize('NFKC');
  const codes = [...prepared].map((character) => character.codePointAt(0) ?? 0);
  for (const code of codes) {
    // §2.3: prohibited output.
    const table = prohibited.find(({ ranges }) => contains(ranges, code));
    if (table) throw unusable(kind, what, `contains ${hex(code)}, which is not allowed (RFC 3454 ${table.name})`);
    // §2.5: unassigned code points.
    if (kind === 'stored' && contains(unassignedRanges, code)) {
      throw unusable(kind, what, `contains ${hex(code)}, a character too recent for SASLprep (unassigned in Unicode 3.2)`);
    }
  }
  checkBidi(codes, kind, what);
  return prepared;
}

// §2.4, RFC 3454 §6: right-to-left text may not mix with left-to-right, and must start and end right-to-left.
function checkBidi(codes: readonly number[], kind: PrepKind, what: string): void {
  if (!codes.some((code) => contains(randALRanges, code))) return;
  const mixed = codes.find((code) => contains(leftToRightRanges, code));
  if (mixed !== undefined) throw unusable(kind, what, `mixes right-to-left characters with the left-to-right ${hex(mixed)}`);
  const first = codes[0] ?? 0;
  const last = codes[codes.length - 1] ?? 0;
  if (!contains(randALRanges, first) || !contains(randALRanges, last)) {
    throw unusable(kind, what, 'has right-to-left characters but does not start and end with one');
  }
}
