// How much of a message's text is kept: bodies are stored and shown whole up to a bound, so memory, storage and IPC stay bounded.
import { prefixWithin, shortened } from '../../../../shared/text/bounded.ts';

/**
 * UTF-16 code units kept of a body (about 256,000 characters, some 100 printed pages): more than any server's default
 * stanza limit lets through (Prosody's c2s is 256 KiB), so only a misbehaving peer or server reaches it.
 */
export const maxBodyLength = 256 * 1024;
/** A reply's quote is a reminder of what it answers: the window shows its first 200 characters. */
export const maxQuoteLength = 1_000;

/** A body as kept: the whole text, or its start and how many code units were cut. */
export interface BoundedBody {
  readonly text: string;
  /** 0 when nothing was cut. */
  readonly cut: number;
}

/** The body, or its start with how much was cut: the window tells the reader in their language, nothing is silently lost. */
export function boundedBody(body: string): BoundedBody {
  if (body.length <= maxBodyLength) return { text: body, cut: 0 };
  const kept = prefixWithin(body, maxBodyLength);
  return { text: kept, cut: body.length - kept.length };
}

export const boundedQuote = (quote: string): string => shortened(quote, maxQuoteLength);
