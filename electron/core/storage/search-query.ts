// Turns what the user typed into a safe SQLite FTS5 MATCH expression: every word literal, the last one a prefix.

/** Words past this many are ignored: a search box is not a document. */
export const MAX_TERMS = 12;
/** Longer words are cut to this many characters and matched as a prefix of what was typed. */
export const MAX_TERM_LENGTH = 64;

// What the unicode61 tokenizer keeps as token characters (its default categories "L* N* Co"); a word without one matches nothing.
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;
// NUL ends the string inside FTS5's parser ("unterminated string"); other controls are noise.
const CONTROL = /\p{Cc}/gu;

/** FTS5 §3.1: a string in double quotes is literal, a double quote inside it is doubled. */
function quoted(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * The MATCH expression for the user's text, or undefined when it has nothing to search for. Words are ANDed (FTS5 §3.4
 * implicit AND); each is one quoted phrase, so operators (AND, OR, NOT, NEAR), column filters, `^`, `+`, `*` and
 * parentheses typed by the user are plain text; the last word ends with `*` (FTS5 §3.3 prefix query) for search as you type.
 */
export function buildFtsQuery(text: string): string | undefined {
  const words = text
    .replace(CONTROL, ' ')
    .split(/\s+/u)
    .filter((word) => TOKEN_CHARACTER.test(word))
    .slice(0, MAX_TERMS);
  if (words.length === 0) return undefined;
  return words
    .map((word, index) => {
      const characters = [...word];
      const cut = characters.length > MAX_TERM_LENGTH;
      const term = quoted(cut ? characters.slice(0, MAX_TERM_LENGTH).join('') : word);
      return cut || index === words.length - 1 ? `${term}*` : term;
    })
    .join(' ');
}
