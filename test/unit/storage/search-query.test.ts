// FTS query building: what the user types becomes a MATCH expression FTS5 reads as literal words, the last one a prefix.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { buildFtsQuery, MAX_TERM_LENGTH, MAX_TERMS } from '../../../electron/core/storage/search-query.ts';

/** A bare FTS5 table with the store's tokenizer, to check that each built expression parses and what it matches. */
function index(bodies: readonly string[]) {
  const db = new DatabaseSync(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
  bodies.forEach((body, n) => insert.run(n + 1, body));
  const select = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid');
  return (text: string): string[] => {
    const match = buildFtsQuery(text);
    if (match === undefined) return [];
    return (select.all(match) as { rowid: number }[]).map(({ rowid }) => bodies[rowid - 1] ?? '');
  };
}

describe('building an FTS5 query from the search box', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(buildFtsQuery('hello')).toBe('"hello"*');
    expect(buildFtsQuery('  see you   tomorrow ')).toBe('"see" "you" "tomorrow"*');
  });

  it('has nothing to search for in empty, blank or punctuation-only text', () => {
    for (const text of ['', '   ', '\t\n', '"', '*', '""', '-- ()', '😀 🎉', '\u0000']) expect(buildFtsQuery(text)).toBeUndefined();
  });

  it('keeps FTS syntax typed by the user literal', () => {
    expect(buildFtsQuery('say "hi"')).toBe('"say" """hi"""*');
    expect(buildFtsQuery('a OR b')).toBe('"a" "OR" "b"*');
    expect(buildFtsQuery('NEAR( x')).toBe('"NEAR(" "x"*');
    expect(buildFtsQuery('body: secret')).toBe('"body:" "secret"*');
    expect(buildFtsQuery('^start -not +plus')).toBe('"^start" "-not" "+plus"*');
    expect(buildFtsQuery('pre* fix')).toBe('"pre*" "fix"*');
  });

  it('drops words the tokenizer would not index, so they cannot empty the result', () => {
    expect(buildFtsQuery('* coffee "')).toBe('"coffee"*');
    expect(buildFtsQuery('tea 😀')).toBe('"tea"*');
  });

  it('turns control characters (NUL ends an FTS5 string) into spaces', () => {
    expect(buildFtsQuery('ab\u0000cd')).toBe('"ab" "cd"*');
    expect(buildFtsQuery('x\u0002y\u0003')).toBe('"x" "y"*');
  });

  it('limits the number of words and their length', () => {
    const many = Array.from({ length: MAX_TERMS + 5 }, (_, n) => `w${n}`).join(' ');
    const built = buildFtsQuery(many) ?? '';
    expect(built.split(' ')).toHaveLength(MAX_TERMS);
    expect(built.endsWith(`"w${MAX_TERMS - 1}"*`)).toBe(true);
    // Cut at a code point, never inside a surrogate pair; a cut word is a prefix of what was typed.
    const long = `${'é'.repeat(MAX_TERM_LENGTH - 1)}😀tail`;
    expect(buildFtsQuery(`${long} end`)).toBe(`"${'é'.repeat(MAX_TERM_LENGTH - 1)}😀"* "end"*`);
  });

  it('every hostile input parses in FTS5 and matches only as literal words', () => {
    const search = index(['near the station', 'body: OR NOT AND', 'x*y marks', 'say "hi" there', 'Café crème', 'prefix search']);
    const hostile = ['"', '""', '"unbalanced', '*', 'NEAR(', 'NEAR(a b)', 'body:', 'body:near', 'OR', 'AND NOT', '(', ')', '{body}: x', '^', '-', 'a + b', '\u0000', "'; DROP TABLE t; --"];
    for (const text of hostile) expect(() => search(text)).not.toThrow();
    expect(search('OR')).toEqual(['body: OR NOT AND']);
    expect(search('NEAR(')).toEqual(['near the station']);
    expect(search('body:')).toEqual(['body: OR NOT AND']);
    expect(search('x*y')).toEqual(['x*y marks']);
    expect(search('"hi"')).toEqual(['say "hi" there']);
    expect(search('cafe CREME')).toEqual(['Café crème']);
    expect(search('pre')).toEqual(['prefix search']);
    expect(search('pre sea')).toEqual([]);
    expect(search('prefix sea')).toEqual(['prefix search']);
  });
});
