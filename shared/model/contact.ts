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
  /** SHA-1 of the contact's avatar (XEP-0084 or XEP-0153), fetched with avatar.get. */
  avatarHash: z.string().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const SubscriptionRequestSchema = z.object({
  jid: z.string(),
  /** The status text sent with the request, if any. */
  message: z.string().optional(),
  receivedAt: z.number(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequestSchema>;

/** vCard-temp fields (XEP-0054) shown in the contact details. */
export const VcardSchema = z.object({
  fullName: z.string().optional(),
  nickname: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  organization: z.string().optional(),
  role: z.string().optional(),
  url: z.string().optional(),
  birthday: z.string().optional(),
  address: z.string().optional(),
  note: z.string().optional(),
});
export type Vcard = z.infer<typeof VcardSchema>;

export const ContactDetailsSchema = z.object({
  jid: z.string(),
  /** Absent when the contact has no vCard or the server could not give it. */
  vcard: VcardSchema.optional(),
  /** XEP-0092 answers per online resource; absent where the resource did not answer. */
  versions: z.array(z.object({ resource: z.string(), name: z.string(), version: z.string().optional(), os: z.string().optional() })),
  /** XEP-0012, asked only when no resource is online: epoch ms of the contact's last sign-out. */
  lastSeen: z.number().optional(),
});
export type ContactDetails = z.infer<typeof ContactDetailsSchema>;

export const BlockListSchema = z.object({
  /** XEP-0191 offered by the server. */
  supported: z.boolean(),
  /** XEP-0377 spam reporting offered with it. */
  reportSupported: z.boolean(),
  jids: z.array(z.string()),
});
export type BlockList = z.infer<typeof BlockListSchema>;
