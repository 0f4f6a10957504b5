// Downloads in the main process: a file shared by URL (XEP-0066 beside an XEP-0363 upload) or as aesgcm:// (XEP-0454)
// streamed to the downloads folder under a safe, free name, decrypted on the way for aesgcm://, with its progress and
// cancellation as one of the transfers (the same ids and transfer.updated events Jingle's will use). The bytes go to a
// hidden temporary name and get the final one only once complete (and, encrypted, authenticated); a failure leaves nothing.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CausetteError, toAppError } from '../../../../shared/ipc/errors.ts';
import type { Transfer } from '../../../../shared/model/transfer.ts';
import { decryptingStream, TAG_BYTES } from '../aesgcm/aesgcm-stream.ts';
import { parseAesgcmUrl, type AesgcmLink } from '../aesgcm/aesgcm-url.ts';
import type { Transfers } from '../transfers.ts';
import { fileNameOfUrl, settleUnderFreeName } from './file-name.ts';
import { httpGet } from './http-get.ts';

export interface DownloadDeps {
  readonly transfers: Transfers;
  /** Where finished files go: the user's downloads folder, or the one configured. */
  readonly folder: () => string;
  readonly extraCa: readonly string[];
  /** The largest file taken (bytes). */
  readonly maxBytes: number;
}

export interface DownloadRequest {
  readonly accountId: string;
  readonly peer: string;
  /** An http(s) URL or an aesgcm:// one. */
  readonly url: string;
  /** The message that shared it. */
  readonly messageId?: string;
}

/** A bound that keeps a hostile server from filling the disk: 1 GiB unless configured. */
export const DEFAULT_MAX_DOWNLOAD = 1024 ** 3;

const tooLarge = (max: number) => new CausetteError('bad-request', `The file is larger than the ${max} bytes taken.`, undefined, { context: 'downloadTooLarge', max: String(max) });
const truncated = () => new CausetteError('connection-refused', 'The download ended before the whole file came.', undefined, { context: 'downloadTruncated' });

/** The source an accepted URL is fetched from, with the key when it is an encrypted one; undefined when it is neither. */
export function downloadSource(url: string): { readonly https: string; readonly link?: AesgcmLink } | undefined {
  const link = parseAesgcmUrl(url);
  if (link) return { https: link.https, link };
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? { https: parsed.href } : undefined;
  } catch {
    return undefined;
  }
}

/** Counts the bytes that come, reports them, and stops past the limit or past the declared length. */
function counting(limit: number, length: number | undefined, onBytes: (received: number) => void): Transform & { readonly received: () => number } {
  let received = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      received += chunk.length;
      if (received > limit) return done(tooLarge(limit));
      if (length !== undefined && received > length) return done(truncated());
      onBytes(received);
      done(null, chunk);
    },
  });
  return Object.assign(stream, { received: () => received });
}

export function createDownloads(deps: DownloadDeps) {
  const { transfers } = deps;
  /** Finished downloads: where each is on disk (to open it, or to serve it to the page in browser mode). */
  const saved = new Map<string, string>();

  async function run(transfer: Transfer, source: { https: string; link?: AesgcmLink }, signal: AbortSignal): Promise<void> {
    const dir = deps.folder();
    const temporary = join(dir, `.causette-${transfer.id}.part`);
    const overhead = source.link ? TAG_BYTES : 0;
    try {
      await mkdir(dir, { recursive: true });
      const { response, length } = await httpGet({ url: source.https, extraCa: deps.extraCa, signal, httpsOnly: source.link !== undefined });
      if (length !== undefined && length > deps.maxBytes) {
        response.destroy();
        throw tooLarge(deps.maxBytes);
      }
      const size = length === undefined ? undefined : Math.max(0, length - overhead);
      if (size !== undefined) transfers.update(transfer.id, { size });
      const counter = counting(deps.maxBytes, length, (received) => transfers.progress(transfer.id, Math.min(received, size ?? received)));
      const steps = source.link ? [counter, decryptingStream(source.link)] : [counter];
      await pipeline([response, ...steps, createWriteStream(temporary, { flags: 'wx' })], { signal });
      if (length !== undefined && counter.received() !== length) throw truncated();
      const name = await settleUnderFreeName(temporary, dir, transfer.name);
      const plain = counter.received() - overhead;
      saved.set(transfer.id, join(dir, name));
      transfers.update(transfer.id, { state: 'done', name, size: plain, done: plain });
    } catch (error) {
      await rm(temporary, { force: true });
      transfers.update(transfer.id, signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: toAppError(error) });
    }
  }

  return {
    /** Starts fetching; answers at once with the transfer, whose progress and end follow as its updates. */
    start(request: DownloadRequest): Transfer {
      const source = downloadSource(request.url);
      if (!source) throw new CausetteError('bad-request', 'That is not a file address Causette fetches.', undefined, { context: 'downloadScheme' });
      const { transfer, signal } = transfers.start({
        accountId: request.accountId,
        peer: request.peer,
        direction: 'in',
        method: 'upload',
        name: fileNameOfUrl(source.https),
        size: 0,
        url: request.url,
        ...(request.messageId === undefined ? {} : { messageId: request.messageId }),
      });
      void run(transfer, source, signal);
      return transfer;
    },
    /** Where a finished download is; undefined for any other transfer. */
    pathOf: (id: string): string | undefined => saved.get(id),
  };
}

export type Downloads = ReturnType<typeof createDownloads>;
