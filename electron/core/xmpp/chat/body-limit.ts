// How much of a message's text is kept: bodies are stored and shown whole up to a bound, so memory, storage and IPC stay bounded.
import { prefixWithin, shortened } from '../../../../shared/text/bounded.ts';

/**
 * UTF-16 code units kept of a body (about 256,000 characters, some 100 printed pages): more than any server's default
 * stanza limit lets through (Prosody's c2s is 256 KiB), so only a misbehaving peer or server reaches it.
 */
export const maxBodyLength = 256 * 1024;
/** A reply's quote is a reminder of what it answers: the window shows its first 200 characters. */
export const maxQuoteLength = 1_000;

/** The body, or its start with a line saying how much was cut (the reader is told, the text is not silently lost). */
export function boundedBody(body: string): string {
  if (body.length <= maxBodyLength) return body;
  const kept = prefixWithin(body, maxBodyLength);
  return `${kept}\n\n[This message was too long: Causette kept its first ${kept.length.toLocaleString('en')} characters and cut ${(body.length - kept.length).toLocaleString('en')}.]`;
}

export const boundedQuote = (quote: string): string => shortened(quote, maxQuoteLength);
