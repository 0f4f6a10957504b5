// XEP-0363 §4.2: the file PUT to the slot's URL, streamed from disk with its progress, TLS verified against the system's
// and the account's trusted authorities (never disabled).
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Transform } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { CausetteError } from '../../../../shared/ipc/errors.ts';

export interface PutArgs {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly path: string;
  /** The bytes sent: the file's, or what `through` makes of them. */
  readonly size: number;
  /** A step the file's bytes go through on their way (the encryption of XEP-0454). */
  readonly through?: Transform;
  readonly contentType: string;
  /** PEM authorities trusted beyond the system's (the account's own, e.g. a test server's). */
  readonly extraCa: readonly string[];
  readonly onProgress: (sent: number) => void;
  readonly signal: AbortSignal;
}

const TIMEOUT_MS = 60_000;

/** Settles once the server took the whole file (2xx); rejects with a typed error otherwise. */
export function putFile(args: PutArgs): Promise<void> {
  const url = new URL(args.url);
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (error: CausetteError) => {
      file.destroy();
      outgoing.destroy();
      reject(error);
    };
    const outgoing = send(url, {
      method: 'PUT',
      headers: { ...args.headers, 'Content-Length': String(args.size), 'Content-Type': args.contentType },
      ...(secure ? { ca: [...rootCertificates, ...args.extraCa] } : {}),
      signal: args.signal,
      timeout: TIMEOUT_MS,
    });
    const file = createReadStream(args.path);
    let read = 0;
    file.on('data', (chunk) => {
      read += chunk.length;
      args.onProgress(read);
    });
    file.on('error', (error) => fail(new CausetteError('not-found', `The file could not be read: ${error.message}`, undefined, { context: 'fileUnreadable' })));
    outgoing.on('timeout', () => fail(new CausetteError('timeout', `The upload server ${url.host} stopped answering.`, undefined, { context: 'domain', domain: url.host })));
    outgoing.on('error', (error) => {
      if (args.signal.aborted) return reject(new CausetteError('bad-request', 'The upload was cancelled.', undefined, { context: 'cancelled' }));
      reject(new CausetteError('connection-refused', `The upload to ${url.host} failed: ${error.message}`, undefined, { context: 'domain', domain: url.host }));
    });
    outgoing.on('response', (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve();
      reject(new CausetteError('not-authorized', `The upload server refused the file (HTTP ${status}).`, undefined, { context: 'uploadRefused', status: String(status) }));
    });
    if (args.through) {
      args.through.on('error', (error) => fail(new CausetteError('internal', `The file could not be prepared: ${error.message}`)));
      file.pipe(args.through).pipe(outgoing);
    } else file.pipe(outgoing);
  });
}
