// XEP-0363 on a session: the server's upload service found once (§3), a slot asked for each file (§4) and the file PUT
// to it (§4.2), its size checked against the service's limit before anything is asked.
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Connection } from '../connection.ts';
import { findService } from '../disco/disco-items.ts';
import { StanzaError, toIqError } from '../errors.ts';
import { encryptingStream, TAG_BYTES } from '../../transfers/aesgcm/aesgcm-stream.ts';
import { putFile } from './http-put.ts';
import { buildSlotRequest, parseSlot, uploadServiceOf, type UploadService } from './upload-stanzas.ts';

const TIMEOUT_MS = 15_000;

type Iq = Pick<Connection, 'iq'>;

/** §3: the server itself, or the first of its items, that offers uploads. */
export function findUploadService(connection: Iq, domain: string): Promise<UploadService | undefined> {
  return findService(connection, domain, uploadServiceOf, { server: true }).catch(() => undefined);
}

export interface UploadArgs {
  readonly service: UploadService;
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly extraCa: readonly string[];
  readonly onProgress: (sent: number) => void;
  readonly signal: AbortSignal;
  /** XEP-0454: the file goes up encrypted with this key and IV (AES-256-GCM, the tag after the ciphertext). */
  readonly secrets?: { readonly key: Uint8Array; readonly iv: Uint8Array };
}

/** §4–§4.2: the file's GET URL once it is on the server; typed errors for a file too large, a refusal, a network failure. */
export async function uploadFile(connection: Iq, args: UploadArgs): Promise<string> {
  const { service, secrets } = args;
  const size = secrets ? args.size + TAG_BYTES : args.size;
  // XEP-0454: what the server stores says nothing of the file's kind.
  const contentType = secrets ? 'application/octet-stream' : args.contentType;
  if (service.maxSize !== undefined && size > service.maxSize) throw tooLarge(size, service.maxSize);
  let reply: Element;
  try {
    reply = await connection.iq(buildSlotRequest({ to: service.jid, filename: args.name, size, contentType }), TIMEOUT_MS);
  } catch (error) {
    const failure = toIqError(error, service.jid);
    // §5: the service's own refusals.
    if (failure instanceof StanzaError && failure.condition === 'not-acceptable') throw tooLarge(size, service.maxSize);
    if (failure instanceof StanzaError) throw new CausetteError('not-authorized', `The upload service refused the file (${failure.condition}).`, undefined, { context: 'uploadRefused', status: failure.condition });
    throw failure;
  }
  const slot = parseSlot(reply);
  if (!slot) throw new CausetteError('bad-request', 'The upload service sent no usable slot.', undefined, { context: 'uploadRefused', status: 'no slot' });
  // XEP-0454 §3: an encrypted file is fetched over https only; a service that shares plain http cannot carry one.
  if (secrets && !slot.get.startsWith('https:')) {
    throw new CausetteError('encryption-unavailable', 'The upload service does not share files over https, so an encrypted file cannot be sent.', undefined, { context: 'uploadNotHttps' });
  }
  await putFile({
    url: slot.put,
    headers: slot.headers,
    path: args.path,
    size,
    contentType,
    extraCa: args.extraCa,
    onProgress: args.onProgress,
    signal: args.signal,
    ...(secrets ? { through: encryptingStream(secrets) } : {}),
  });
  return slot.get;
}

function tooLarge(size: number, max: number | undefined): CausetteError {
  return new CausetteError('bad-request', `The file is too large for the server (${size} bytes${max === undefined ? '' : `, at most ${max}`}).`, undefined, {
    context: 'fileTooLarge',
    size: String(size),
    ...(max === undefined ? {} : { max: String(max) }),
  });
}
