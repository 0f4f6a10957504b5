// Typed errors that cross the IPC boundary intact: a code for programs, a message for people.
import { z } from 'zod';

export const errorCodes = [
  'unknown-command',
  'bad-request',
  'forbidden-sender',
  'not-found',
  'already-exists',
  'not-authorized',
  'host-not-found',
  'connection-refused',
  'timeout',
  'tls-failure',
  'untrusted-certificate',
  'conflict',
  'stream-error',
  'registration-conflict',
  'registration-closed',
  'registration-failed',
  'password-required',
  'keychain-unavailable',
  'insecure-stream',
  'no-mechanism',
  /** The server's sign-in offer is weaker than the account saw before (no SCRAM, or no channel binding): possibly an attacker. */
  'sasl-downgrade',
  /** The password or username holds characters SASLprep (RFC 4013) refuses. */
  'invalid-credentials',
  /** The account's server lacks what the command needs (e.g. invisibility, pre-approval). */
  'not-supported',
  /** The command needs the account signed in, and it is not. */
  'not-connected',
  /** End-to-end encryption is on for the conversation and cannot be done: nothing was sent in the clear. */
  'encryption-unavailable',
  /** An encrypted file did not decrypt (XEP-0454): a wrong key, or bytes altered on the way; nothing of it was kept. */
  'integrity-failure',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The certificate a server presented, shown to the user when it is not trusted. */
export const CertificateInfoSchema = z.object({
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** Why verification failed, e.g. "self-signed certificate", "hostname mismatch", "certificate has expired". */
  problem: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

/**
 * The values the message names (a domain, an address, a size…), so that the renderer can say it in the user's language;
 * `context` names the case when one code has several messages.
 */
export const ErrorParamsSchema = z.record(z.string().max(64), z.union([z.string().max(4096), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  certificate: CertificateInfoSchema.optional(),
  params: ErrorParamsSchema.optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/** An error value that can be thrown inside main and is turned into an envelope unchanged. */
export class CausetteError extends Error {
  readonly code: ErrorCode;
  readonly certificate: CertificateInfo | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, certificate?: CertificateInfo, params?: ErrorParams) {
    super(message);
    this.name = 'CausetteError';
    this.code = code;
    this.certificate = certificate;
    this.params = params;
  }
  toJSON(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.certificate ? { certificate: this.certificate } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

/** All the renderer learns of an error that is not a CausetteError; its detail goes to the log. */
export const unexpectedErrorMessage = 'Something went wrong in Causette. The details are in the log.';

/**
 * A CausetteError crosses as it is, code 'internal' included: its message was written for the user (say, a server that broke
 * the protocol). Anything else (a TypeError, a SQLite error) is a bug whose text may carry paths, SQL or message content, so
 * only the generic message crosses.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof CausetteError) return error.toJSON();
  return { code: 'internal', message: unexpectedErrorMessage };
}
