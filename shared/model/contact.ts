// Contacts of the roster (RFC 6121 §2) with their subscription (§3) and aggregated presence.
import { z } from 'zod';
import { ResourcePresenceSchema, ShowSchema } from './presence.ts';

export const SubscriptionSchema = z.enum(['none', 'to', 'from', 'both']);
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const ContactSchema = z.object({
  jid: z.string(),
  name: z.string().optional(),
  groups: z.array(z.string()),
  subscription: SubscriptionSchema,
  /** RFC 6121 §3.1.2: our subscription request is pending ("waiting for approval"). */
  pendingOut: z.boolean(),
  /** RFC 6121 §3.4: we pre-approved their request. */
  approved: z.boolean(),
  /** The highest-priority available resource's state, or offline. */
  show: ShowSchema,
  status: z.string().optional(),
  resources: z.array(ResourcePresenceSchema),
  /** XEP-0012 / XEP-0319: epoch ms when the contact was last seen or became idle. */
  lastSeen: z.number().optional(),
  /** An error presence (RFC 6121 §4.6.3) received for this contact, in words. */
  presenceError: z.string().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const SubscriptionRequestSchema = z.object({
  jid: z.string(),
  /** The status text sent with the request, if any. */
  message: z.string().optional(),
  receivedAt: z.number(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequestSchema>;
