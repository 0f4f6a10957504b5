// SASLprep, RFC 4013 §2.1–2.2: the mappings and normalisation; prohibited code points are left for the server to refuse.

// RFC 3454 table B.1: code points mapped to nothing.
const mappedToNothing = (code: number) =>
  code === 0x00ad || code === 0x034f || code === 0x1806 || (code >= 0x180b && code <= 0x180d) || (code >= 0x200b && code <= 0x200d) ||
  code === 0x2060 || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff;

// RFC 3454 table C.1.2: non-ASCII spaces, mapped to SPACE.
const nonAsciiSpace = (code: number) =>
  code === 0x00a0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;

export function saslPrep(text: string): string {
  let mapped = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (mappedToNothing(code)) continue;
    mapped += nonAsciiSpace(code) ? ' ' : character;
  }
  return mapped.normalize('NFKC');
}
