// Accounts and their connection state as the renderer sees them.
import { z } from 'zod';
import { AppErrorSchema } from '../ipc/errors.ts';

export const AccountIdSchema = z.string().min(1).max(64);

/** How the TCP stream is secured: STARTTLS (RFC 6120 §5), Direct TLS (XEP-0368), or whatever SRV offers. */
export const TlsModeSchema = z.enum(['auto', 'starttls', 'direct']);
export type TlsMode = z.infer<typeof TlsModeSchema>;

export const ConnectionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('offline'), reason: AppErrorSchema.optional() }),
  z.object({ status: z.literal('connecting') }),
  z.object({ status: z.literal('online'), jid: z.string(), resumed: z.boolean() }),
  z.object({
    status: z.literal('reconnecting'),
    attempt: z.number().int().min(1),
    /** Epoch milliseconds of the next attempt, for a countdown. */
    nextAttemptAt: z.number(),
    reason: AppErrorSchema.optional(),
  }),
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const AccountSchema = z.object({
  id: AccountIdSchema,
  jid: z.string(),
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  tls: TlsModeSchema,
  /** Whether a password is kept; false means the user is asked at each sign-in. */
  passwordSaved: z.boolean(),
  /** SHA-256 fingerprints the user chose to trust for this account. */
  pinnedCertificates: z.array(z.string()),
  connection: ConnectionStateSchema,
});
export type Account = z.infer<typeof AccountSchema>;
