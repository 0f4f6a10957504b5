// Invitations to rooms waiting for the user's answer, one per room and account (the newest wins), bounded in number.
import type { Invitation } from '../../../../shared/model/room.ts';
import type { Database } from '../database.ts';

/** What the store keeps; whether the inviter is a contact is the roster's to say when it is read. */
export type StoredInvitation = Omit<Invitation, 'fromContact'>;

export interface InvitationStore {
  /** Newest first. */
  invitations(accountId: string): StoredInvitation[];
  /** Keeps it (replacing an older one to the same room); the oldest beyond `limit` go. */
  putInvitation(accountId: string, invitation: StoredInvitation, limit: number): void;
  /** Whether there was one. */
  dropInvitation(accountId: string, room: string): boolean;
}

interface Row {
  room: string;
  inviter: string;
  kind: 'direct' | 'mediated';
  reason: string | null;
  password: string | null;
  received_at: number;
}

export function createInvitationStore(db: Database): InvitationStore {
  const list = db.prepare('SELECT room, inviter, kind, reason, password, received_at FROM room_invitations WHERE account_id = ? ORDER BY received_at DESC, room');
  const put = db.prepare(
    `INSERT INTO room_invitations (account_id, room, inviter, kind, reason, password, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, room) DO UPDATE SET inviter = excluded.inviter, kind = excluded.kind, reason = excluded.reason,
       password = excluded.password, received_at = excluded.received_at`,
  );
  const trim = db.prepare(
    `DELETE FROM room_invitations WHERE account_id = ? AND room NOT IN
       (SELECT room FROM room_invitations WHERE account_id = ? ORDER BY received_at DESC, room LIMIT ?)`,
  );
  const drop = db.prepare('DELETE FROM room_invitations WHERE account_id = ? AND room = ?');
  return {
    invitations: (accountId) =>
      (list.all(accountId) as unknown as Row[]).map((row) => ({
        room: row.room,
        from: row.inviter,
        kind: row.kind,
        ...(row.reason === null ? {} : { reason: row.reason }),
        ...(row.password === null ? {} : { password: row.password }),
        receivedAt: row.received_at,
      })),
    putInvitation(accountId, invitation, limit) {
      put.run(accountId, invitation.room, invitation.from, invitation.kind, invitation.reason ?? null, invitation.password ?? null, invitation.receivedAt);
      trim.run(accountId, accountId, limit);
    },
    dropInvitation: (accountId, room) => Number(drop.run(accountId, room).changes) > 0,
  };
}
