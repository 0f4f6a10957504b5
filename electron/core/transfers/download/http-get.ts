// A file fetched over HTTP(S) for a download: TLS verified against the system's and the account's trusted authorities
// (never disabled), a few redirects followed (to http(s) only, never from https down to http), the declared size read.
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { CausetteError } from '../../../../shared/ipc/errors.ts';

export interface GetArgs {
  readonly url: string;
  /** PEM authorities trusted beyond the system's (the account's own, e.g. a test server's). */
  readonly extraCa: readonly string[];
  readonly signal: AbortSignal;
  /** Only https (aesgcm:// files, XEP-0454 §3). */
  readonly httpsOnly: boolean;
}

export interface Fetched {
  readonly response: IncomingMessage;
  /** Content-Length, when the server said it. */
  readonly length?: number;
}

const TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 3;

const cancelled = () => new CausetteError('bad-request', 'The download was cancelled.', undefined, { context: 'cancelled' });
const unreachable = (host: string, why: string) => new CausetteError('connection-refused', `The download from ${host} failed: ${why}`, undefined, { context: 'download', domain: host });

function once(url: URL, args: GetArgs): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: 'GET', ...(secure ? { ca: [...rootCertificates, ...args.extraCa] } : {}), signal: args.signal, timeout: TIMEOUT_MS });
    outgoing.on('timeout', () => outgoing.destroy(new CausetteError('timeout', `The server ${url.host} stopped answering.`, undefined, { context: 'domain', domain: url.host })));
    outgoing.on('error', (error) => {
      if (args.signal.aborted) return reject(cancelled());
      if (error instanceof CausetteError) return reject(error);
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/u.test(code)) {
        return reject(new CausetteError('untrusted-certificate', `The certificate of ${url.host} is not trusted: ${error.message}`, undefined, { context: 'download', domain: url.host }));
      }
      reject(unreachable(url.host, error.message));
    });
    outgoing.on('response', resolve);
    outgoing.end();
  });
}

/** The 2xx answer for the URL (after at most three redirects); typed errors for anything else. */
export async function httpGet(args: GetArgs): Promise<Fetched> {
  let url = new URL(args.url);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && (args.httpsOnly || url.protocol !== 'http:')) {
      throw new CausetteError('bad-request', `Files are fetched over https only, not ${url.protocol}`, undefined, { context: 'downloadScheme' });
    }
    const response = await once(url, args);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined && hop < MAX_REDIRECTS) {
      response.resume();
      const next = new URL(location, url);
      // Never from https down to http.
      if (url.protocol === 'https:' && next.protocol !== 'https:') throw new CausetteError('bad-request', 'The server sent the download to an unencrypted address.', undefined, { context: 'downloadScheme' });
      url = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new CausetteError('not-found', `The server ${url.host} did not give the file (HTTP ${status}).`, undefined, { context: 'downloadRefused', status: String(status) });
    }
    const length = Number(response.headers['content-length']);
    return { response, ...(Number.isSafeInteger(length) && length >= 0 ? { length } : {}) };
  }
}
