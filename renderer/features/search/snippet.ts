// A search hit's snippet split into plain and matched runs, from the \u0002 … \u0003 markers the store puts around matches.

export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const START = '\u0002';
const END = '\u0003';

/** Runs in order, never empty; a marker without its partner only ends or starts a run, it is never shown. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text, match });
    text = '';
  };
  for (const character of snippet) {
    if (character === START || character === END) {
      flush();
      match = character === START;
    } else {
      text += character;
    }
  }
  flush();
  return parts;
}
