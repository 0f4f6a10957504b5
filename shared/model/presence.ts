// Presence as the renderer sees it (RFC 6121 §4.7): availability, status text, priority, per resource.
import { z } from 'zod';

/** A contact resource's availability; 'offline' when it has no available resource. */
export const ShowSchema = z.enum(['chat', 'online', 'away', 'xa', 'dnd', 'offline']);
export type Show = z.infer<typeof ShowSchema>;

/** What the user can choose for an account; 'invisible' uses XEP-0186 or XEP-0126 where the server has it. */
export const OwnShowSchema = z.enum(['chat', 'online', 'away', 'xa', 'dnd', 'invisible', 'offline']);
export type OwnShow = z.infer<typeof OwnShowSchema>;

/** A status text (or a subscription request's words) is kept to this many UTF-16 code units: anyone can send one. */
export const maxStatusLength = 500;

export const PrioritySchema = z.number().int().min(-128).max(127);

export const ClientInfoSchema = z.object({
  /** From entity capabilities (XEP-0115) and disco#info identity (XEP-0030). */
  name: z.string(),
  /** From XEP-0092 when asked for. */
  version: z.string().optional(),
  os: z.string().optional(),
});

export const ResourcePresenceSchema = z.object({
  resource: z.string(),
  show: ShowSchema.exclude(['offline']),
  status: z.string().optional(),
  priority: PrioritySchema,
  client: ClientInfoSchema.optional(),
  /** XEP-0319: epoch ms since when the user has been idle. */
  idleSince: z.number().optional(),
});
export type ResourcePresence = z.infer<typeof ResourcePresenceSchema>;

export const OwnPresenceSchema = z.object({
  show: OwnShowSchema,
  status: z.string().max(1024),
  priority: PrioritySchema,
  /** Set when Causette changed the state by itself (idle, screen lock) and will restore it on activity. */
  auto: z.enum(['away', 'xa']).optional(),
});
export type OwnPresence = z.infer<typeof OwnPresenceSchema>;
