// A visitor's request for voice in a moderated room, as its moderators are asked (XEP-0045 §8.6).
import { z } from 'zod';

export const VoiceRequestSchema = z.object({
  room: z.string(),
  /** The visitor's nickname in the room (muc#roomnick). */
  nick: z.string(),
  /** Their real JID, when the room tells it (muc#jid). */
  jid: z.string().optional(),
  receivedAt: z.number().int(),
});
export type VoiceRequest = z.infer<typeof VoiceRequestSchema>;
