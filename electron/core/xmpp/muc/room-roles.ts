// XEP-0045 §8.3–§8.6 and §9.6–§9.7: a moderator's role changes: voice granted (participant) or revoked (visitor), and an
// admin's moderator rights granted or revoked (moderator, participant). Kicking (role none, §8.2) is in room-admin.ts.
import type { Role } from '../../../../shared/model/room.ts';
import type { Connection } from '../connection.ts';
import { adminSet } from './room-admin.ts';
import { ask } from './room-owner.ts';

/** The roles one occupant may be given while staying in the room. */
export type KeptRole = Exclude<Role, 'none'>;

/** §8.3/§8.4 (participant, visitor), §9.6/§9.7 (moderator, participant): by nickname; the room refuses what we may not do. */
export async function setRole(connection: Pick<Connection, 'iq'>, room: string, nick: string, role: KeptRole, reason?: string): Promise<void> {
  await ask(connection, room, adminSet(room, { nick, role }, reason));
}
