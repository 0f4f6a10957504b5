// A saved room (XEP-0402 §3, XEP-0048 §3.2) as the renderer sees it: its password stays in main, only whether it has one.
import { z } from 'zod';

export const BookmarkSchema = z.object({
  /** The room's bare JID (the item id in XEP-0402). */
  jid: z.string(),
  name: z.string().optional(),
  /** The nickname to join with; our default when left out. */
  nick: z.string().optional(),
  hasPassword: z.boolean(),
  /** Join the room when signing in. */
  autojoin: z.boolean(),
});
export type Bookmark = z.infer<typeof BookmarkSchema>;
