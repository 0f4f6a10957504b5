// Multi-User Chat rooms (XEP-0045) as the renderer sees them: the room, its occupants, and the rooms a service lists.
import { z } from 'zod';

/** XEP-0045 §5.1: what an occupant may do in the room now. */
export const RoleSchema = z.enum(['moderator', 'participant', 'visitor', 'none']);
export type Role = z.infer<typeof RoleSchema>;

/** XEP-0045 §5.2: the lasting relation of a user to the room. */
export const AffiliationSchema = z.enum(['owner', 'admin', 'member', 'outcast', 'none']);
export type Affiliation = z.infer<typeof AffiliationSchema>;

/** An occupant's availability (RFC 6121 §4.7.2.1, 'online' for no <show/>). */
export const OccupantShowSchema = z.enum(['online', 'chat', 'away', 'xa', 'dnd']);
export type OccupantShow = z.infer<typeof OccupantShowSchema>;

export const OccupantSchema = z.object({
  /** Unique in the room: the occupant's key. */
  nick: z.string(),
  role: RoleSchema,
  affiliation: AffiliationSchema,
  /** The real full JID, when the room reveals it to us (non-anonymous, or we moderate). */
  jid: z.string().optional(),
  /** XEP-0421: the room's stable id for this occupant, when the room sets one. */
  occupantId: z.string().optional(),
  show: OccupantShowSchema,
  status: z.string().optional(),
  /** This occupant is us (status 110). */
  self: z.boolean(),
});
export type Occupant = z.infer<typeof OccupantSchema>;

/**
 * Why an occupant (or we) left the room: XEP-0045 status codes 301, 307, 321, 322, 332, a destroyed room (§10.9), or for us
 * a rejoin after a reconnect that the room refused (`text` has the condition).
 */
export const DepartureReasonSchema = z.enum(['left', 'kicked', 'banned', 'affiliation', 'membersOnly', 'shutdown', 'destroyed', 'refused']);
export type DepartureReason = z.infer<typeof DepartureReasonSchema>;

export const DepartureSchema = z.object({
  nick: z.string(),
  reason: DepartureReasonSchema,
  /** The moderator's nickname who kicked or banned, when the room says. */
  actor: z.string().optional(),
  /** The reason given by the moderator or the room, untranslated. */
  text: z.string().optional(),
  /** §10.9: where a destroyed room's occupants are asked to go. */
  alternate: z.string().optional(),
});
export type Departure = z.infer<typeof DepartureSchema>;

/** What the room announces in disco#info (XEP-0045 §6.4, §15.2.2) and in the status codes of our join (§7.2). */
export const RoomFeaturesSchema = z.object({
  membersOnly: z.boolean(),
  /** Everyone sees real JIDs (muc_nonanonymous, or status 100/172). */
  nonAnonymous: z.boolean(),
  persistent: z.boolean(),
  passwordProtected: z.boolean(),
  moderated: z.boolean(),
  public: z.boolean(),
  /** The room keeps an archive (XEP-0313 on the room, or status 170): what is said is logged. */
  logged: z.boolean(),
  /** XEP-0359: the room's stanza-ids are trusted (urn:xmpp:sid:0). */
  stanzaIds: z.boolean(),
  /** XEP-0421: occupants have stable ids. */
  occupantIds: z.boolean(),
  /** XEP-0425: moderators may remove messages, in this version of the protocol. */
  moderation: z.enum(['v0', 'v1']).optional(),
});
export type RoomFeatures = z.infer<typeof RoomFeaturesSchema>;

/**
 * joining: our presence is out, the room has not confirmed (110); joined; offline: the connection dropped, we rejoin once it is
 * back (the occupant list is stale until then); removed: the room put us out (see `removed`); left: we left it.
 */
export const RoomStateSchema = z.enum(['joining', 'joined', 'offline', 'removed', 'left']);
export type RoomState = z.infer<typeof RoomStateSchema>;

export const RoomSchema = z.object({
  /** The room's bare JID, the conversation's peer for its groupchat messages. */
  jid: z.string(),
  /** Our nickname there (the room may have changed it, status 210). */
  nick: z.string(),
  state: RoomStateSchema,
  /** The room's name (disco#info identity, or muc#roomconfig_roomname). */
  name: z.string().optional(),
  /** §8.1: the subject, and the nickname who set it. */
  subject: z.string().optional(),
  subjectBy: z.string().optional(),
  features: RoomFeaturesSchema,
  /** Our own role and affiliation there. */
  role: RoleSchema,
  affiliation: AffiliationSchema,
  /** §10.1: we just created it (status 201); it stays locked until configured. */
  created: z.boolean().optional(),
  /** When state is 'removed': why. */
  removed: DepartureSchema.optional(),
});
export type Room = z.infer<typeof RoomSchema>;

/** A room a service lists (disco#items, XEP-0045 §6.3), with what its disco#info says (§6.4, muc#roominfo). */
export const RoomListingSchema = z.object({
  jid: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  occupants: z.number().int().min(0).optional(),
  membersOnly: z.boolean().optional(),
  passwordProtected: z.boolean().optional(),
});
export type RoomListing = z.infer<typeof RoomListingSchema>;

export const RoomListSchema = z.object({
  /** The MUC service asked, e.g. conference.example.org. */
  service: z.string(),
  rooms: z.array(RoomListingSchema),
  /** More rooms exist than were read (the list is bounded). */
  truncated: z.boolean(),
});
export type RoomList = z.infer<typeof RoomListSchema>;

/**
 * §10.1: instant takes the service's defaults; public: open, public, persistent; private: members-only, non-anonymous,
 * persistent and hidden (what OMEMO needs); custom: the room stays locked and its configuration form is returned to fill in.
 */
export const RoomPresetSchema = z.enum(['instant', 'public', 'private', 'custom']);
export type RoomPreset = z.infer<typeof RoomPresetSchema>;

/** One user on a room's affiliation list (XEP-0045 §9.2, §9.5, §10.5, §10.8): a bare JID, their reserved nickname, why. */
export const AffiliatedUserSchema = z.object({
  jid: z.string(),
  nick: z.string().optional(),
  reason: z.string().optional(),
});
export type AffiliatedUser = z.infer<typeof AffiliatedUserSchema>;

/**
 * An invitation to a room: direct (XEP-0249, from the inviter) or mediated (XEP-0045 §7.8.2, sent through the room, which
 * may also have made us a member of a members-only room). Kept until joined or declined.
 */
export const InvitationSchema = z.object({
  room: z.string(),
  /** The inviter's bare JID, or their occupant JID (room@service/nick) when a semi-anonymous room hides it (§7.8.2). */
  from: z.string(),
  kind: z.enum(['direct', 'mediated']),
  reason: z.string().optional(),
  password: z.string().optional(),
  /** The inviter is in our roster: an invitation from a stranger is shown as such. */
  fromContact: z.boolean(),
  receivedAt: z.number().int(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/** How an invitation goes out: auto takes mediated for a members-only room (so the room can grant membership), direct otherwise. */
export const InvitationKindSchema = z.enum(['auto', 'direct', 'mediated']);
export type InvitationKind = z.infer<typeof InvitationKindSchema>;
