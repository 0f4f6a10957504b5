// Splits a message body into plain text and the links in it (http, https, xmpp, mailto), for rendering as text and anchors, never as markup.

export type TextPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'link'; readonly href: string; readonly text: string };

const candidate = /\b(?:https?:\/\/|xmpp:|mailto:)[^\s<>"]+/giu;
const schemes = new Set(['http:', 'https:', 'xmpp:', 'mailto:']);
/** Punctuation that ends a sentence rather than the address. */
const trailing = /[.,;:!?'’”)\]}*_]+$/u;

const count = (text: string, character: string) => text.split(character).length - 1;

/** Drops trailing punctuation, but keeps a closing bracket that matches one inside the address (Wikipedia-style links). */
function trimEnd(raw: string): string {
  let text = raw;
  for (;;) {
    const match = trailing.exec(text);
    if (!match) return text;
    const last = text.at(-1) ?? '';
    const opener = { ')': '(', ']': '[', '}': '{' }[last];
    if (opener !== undefined && count(text, opener) >= count(text, last)) return text;
    text = text.slice(0, -1);
  }
}

function linkOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (!schemes.has(url.protocol)) return undefined;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

export function splitLinks(body: string): readonly TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  let from = 0;
  for (const match of body.matchAll(candidate)) {
    const text = trimEnd(match[0]);
    const href = linkOf(text);
    if (href === undefined || text.length <= match[0].indexOf(':') + 1) continue;
    plain += body.slice(from, match.index);
    if (plain !== '') parts.push({ kind: 'text', text: plain });
    plain = '';
    parts.push({ kind: 'link', href, text });
    from = match.index + text.length;
  }
  plain += body.slice(from);
  if (plain !== '') parts.push({ kind: 'text', text: plain });
  return parts;
}
