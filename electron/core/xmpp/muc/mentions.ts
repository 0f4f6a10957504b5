// Whether a room message mentions us: our nickname in the room as a word of its own, any case (as Conversations and
// Gajim highlight it), so that "Al" is not mentioned by "Alice" nor "alice" by "malice".

const wordCharacter = /[\p{L}\p{N}_]/u;

export function mentions(body: string, nick: string): boolean {
  const needle = nick.trim().toLocaleLowerCase();
  if (needle === '') return false;
  const text = body.toLocaleLowerCase();
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1];
    const after = text[at + needle.length];
    if ((before === undefined || !wordCharacter.test(before)) && (after === undefined || !wordCharacter.test(after))) return true;
  }
  return false;
}
