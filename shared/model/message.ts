// One-to-one chat messages (RFC 6121 §5) and the conversations they form, keyed by XEP-0359 ids for de-duplication.
import { z } from 'zod';

export const MessageDirectionSchema = z.enum(['in', 'out']);
export const MessageStateSchema = z.enum(['pending', 'sent', 'failed']);

export const MessageSchema = z.object({
  /** Local id (a UUID), stable across edits of the row. */
  id: z.string(),
  accountId: z.string(),
  /** The other party's bare JID. */
  peer: z.string(),
  direction: MessageDirectionSchema,
  /** Plain text, never interpreted as markup. */
  body: z.string(),
  /** Epoch ms. */
  timestamp: z.number(),
  state: MessageStateSchema,
  originId: z.string().optional(),
  stanzaId: z.string().optional(),
  error: z.string().optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSchema = z.object({
  peer: z.string(),
  lastMessage: z.object({ body: z.string(), timestamp: z.number(), direction: MessageDirectionSchema }).optional(),
  unread: z.number().int().min(0),
});
export type Conversation = z.infer<typeof ConversationSchema>;
