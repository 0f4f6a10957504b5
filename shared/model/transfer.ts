// File transfers as the renderer sees them: one per file sent or received, with its progress and state, keyed by an id.
import { z } from 'zod';
import { AppErrorSchema } from '../ipc/errors.ts';

/**
 * How the bytes travel: HTTP upload (XEP-0363), or Jingle (XEP-0234) in-band (XEP-0261), by a direct SOCKS5 connection
 * or through the server's SOCKS5 proxy (XEP-0260).
 */
export const TransferMethodSchema = z.enum(['upload', 'in-band', 'direct', 'proxy']);
export type TransferMethod = z.infer<typeof TransferMethodSchema>;

/** What the user asks for when sending: Jingle to the contact's device when it can take it (else upload), or upload. */
export const SendMethodSchema = z.enum(['auto', 'jingle', 'upload']);
export type SendMethod = z.infer<typeof SendMethodSchema>;

/**
 * Why no direct connection was offered nor tried (XEP-0260 §6.1, our addresses kept private): the setting forbids direct
 * transfers, or the peer is neither a contact with a mutual subscription nor allowed by the user.
 */
export const DirectWithheldSchema = z.enum(['setting', 'notMutual']);
export type DirectWithheld = z.infer<typeof DirectWithheldSchema>;

export const TransferStateSchema = z.enum(['pending', 'active', 'done', 'failed', 'cancelled']);
export type TransferState = z.infer<typeof TransferStateSchema>;

export const TransferSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  /** The conversation: a contact's or a room's bare JID. */
  peer: z.string(),
  direction: z.enum(['out', 'in']),
  method: TransferMethodSchema,
  /** The file's name as shown (sanitised: no directories). */
  name: z.string(),
  size: z.number().int().min(0),
  /** Bytes sent or received so far. */
  done: z.number().int().min(0),
  state: TransferStateSchema,
  startedAt: z.number(),
  /** Set when a Jingle transfer goes through the proxy or in-band because our addresses are kept from this peer. */
  directWithheld: DirectWithheldSchema.optional(),
  /** Where the file can be fetched, once uploaded. */
  url: z.string().optional(),
  /** Why it failed, as a typed error the window words. */
  error: AppErrorSchema.optional(),
  /** The message that shares the file, once sent. */
  messageId: z.string().optional(),
  /** An interrupted Jingle transfer that can go on from the bytes already received (XEP-0234 §6.4 ranged transfer). */
  resumable: z.boolean().optional(),
  /** End-to-end encrypted: a Jingle transport (XEP-0391 with OMEMO, XEP-0396), or an upload shared as aesgcm:// (XEP-0454). */
  encrypted: z.boolean().optional(),
});
export type Transfer = z.infer<typeof TransferSchema>;

/** A file the user chose, as the host registered it: the renderer names it by this token (transfer.send's `file`). */
export const ChosenFileSchema = z.object({ token: z.string().uuid(), name: z.string(), size: z.number().int().min(0) });
export type ChosenFile = z.infer<typeof ChosenFileSchema>;
