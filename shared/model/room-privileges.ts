// What our role and affiliation in a room let us do to another occupant (XEP-0045 §5.1.1 and §5.2.1, with the limits of
// §8.2, §8.4, §9.1, §9.7 and §10), so that the UI offers only those; the room still decides, and its refusal is shown.
import type { Affiliation, Occupant, Role } from './room.ts';

export type OccupantAction =
  | 'grantVoice'
  | 'revokeVoice'
  | 'grantModerator'
  | 'revokeModerator'
  | 'makeMember'
  | 'makeAdmin'
  | 'makeOwner'
  | 'removeAffiliation'
  | 'kick'
  | 'ban';

export interface OwnStanding {
  readonly role: Role;
  readonly affiliation: Affiliation;
}

type Target = Pick<Occupant, 'role' | 'affiliation' | 'jid' | 'self'>;

/** §5.2: the hierarchy of affiliations (outcasts are below everyone). */
const rank: Readonly<Record<Affiliation, number>> = { outcast: -1, none: 0, member: 1, admin: 2, owner: 3 };

/** The affiliation each affiliation action gives. */
export const affiliationOf = {
  makeMember: 'member',
  makeAdmin: 'admin',
  makeOwner: 'owner',
  removeAffiliation: 'none',
  ban: 'outcast',
} as const satisfies Partial<Record<OccupantAction, Affiliation>>;

/** The role each role action gives. */
export const roleOf = {
  grantVoice: 'participant',
  revokeVoice: 'visitor',
  grantModerator: 'moderator',
  revokeModerator: 'participant',
} as const satisfies Partial<Record<OccupantAction, Role>>;

const isAdmin = (affiliation: Affiliation): boolean => affiliation === 'admin' || affiliation === 'owner';

/** §5.2.1: owners edit every list; admins the member and ban lists (§9.2, §9.5), none above. */
export function mayEditList(own: Affiliation, list: Affiliation): boolean {
  if (own === 'owner') return true;
  return own === 'admin' && (list === 'member' || list === 'outcast' || list === 'none');
}

/** An affiliation change from what the user has to `to`: owners may make any (§10), admins only among none, member, outcast (§9). */
export function mayChangeAffiliation(own: OwnStanding, from: Affiliation, to: Affiliation): boolean {
  return from !== to && mayEditList(own.affiliation, from) && mayEditList(own.affiliation, to);
}

function allows(own: OwnStanding, target: Target, action: OccupantAction): boolean {
  const moderator = own.role === 'moderator';
  switch (action) {
    case 'kick': // §8.2: never an admin or owner, nor above us
      return moderator && !isAdmin(target.affiliation) && rank[target.affiliation] <= rank[own.affiliation];
    case 'grantVoice': // §8.3
      return moderator && target.role === 'visitor' && rank[target.affiliation] <= rank[own.affiliation];
    case 'revokeVoice': // §8.4: not from an affiliation at or above ours, never from an admin or owner
      return moderator && target.role === 'participant' && !isAdmin(target.affiliation) && rank[target.affiliation] < rank[own.affiliation];
    case 'grantModerator': // §9.6
      return moderator && isAdmin(own.affiliation) && (target.role === 'participant' || target.role === 'visitor');
    case 'revokeModerator': // §9.7: admins and owners are moderators by their affiliation
      return moderator && isAdmin(own.affiliation) && target.role === 'moderator' && !isAdmin(target.affiliation);
    default: // §9.1, §9.3, §9.4, §10.3, §10.4, §10.6, §10.7: by the user's real JID
      return target.jid !== undefined && mayChangeAffiliation(own, target.affiliation, affiliationOf[action]);
  }
}

const order: readonly OccupantAction[] = ['grantVoice', 'revokeVoice', 'grantModerator', 'revokeModerator', 'makeMember', 'makeAdmin', 'makeOwner', 'removeAffiliation', 'kick', 'ban'];

/** What we may do to this occupant, in the order a menu shows it; nothing to ourselves. */
export function occupantActions(own: OwnStanding, target: Target): OccupantAction[] {
  if (target.self) return [];
  return order.filter((action) => allows(own, target, action));
}

/** §7.13: a visitor (in a moderated room) may ask the moderators for voice. */
export const mayRequestVoice = (own: OwnStanding): boolean => own.role === 'visitor';

/** XEP-0425 §4: moderators may remove what others said, where the room supports it. */
export const mayModerateMessages = (own: OwnStanding): boolean => own.role === 'moderator';
