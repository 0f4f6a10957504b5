// Long messages are shown shortened until asked for: past about 1,000 characters or 15 lines, a huge paste would flood the list.

export const collapseChars = 1_000;
export const collapseLines = 15;

/** The shortened text to show first, or undefined when the body is short enough to show whole. */
export function collapsedText(body: string): string | undefined {
  const lines = body.split('\n');
  if (body.length <= collapseChars && lines.length <= collapseLines) return undefined;
  const head = lines.slice(0, collapseLines).join('\n');
  const cut = head.length > collapseChars ? head.slice(0, collapseChars) : head;
  return `${cut.trimEnd()}…`;
}
