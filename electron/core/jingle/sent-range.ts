// What a sender streams over any bytestream (SOCKS5 or IBB): a range of a file on disk (XEP-0234 §8, the whole file
// unless a resume asked for less), with its progress, each chunk's bytes for the sender's hash, and its cancellation.
import type { StreamCipher } from './jet/stream-cipher.ts';

export interface SentRange {
  readonly path: string;
  /** Where in the file to start, and how many bytes to send. */
  readonly offset: number;
  readonly length: number;
  readonly onProgress: (sent: number) => void;
  /** Each chunk's bytes as they go (the sender's hash is computed here, in the same pass). */
  readonly onBytes: (bytes: Uint8Array) => void;
  readonly signal: AbortSignal;
  /** XEP-0391: the bytes encrypted on their way (the hash and the count are the file's), the tag after the last. */
  readonly seal?: StreamCipher | undefined;
}
