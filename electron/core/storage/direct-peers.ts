// XEP-0260 §6.1: the peers (bare JIDs) the user allowed, per account, to get our direct candidates though they are not a
// contact with a mutual subscription.
import type { Database } from './database.ts';

export interface DirectPeerStore {
  allowed(accountId: string, peer: string): boolean;
  set(accountId: string, peer: string, allowed: boolean): void;
}

export function createDirectPeerStore(db: Database): DirectPeerStore {
  const statements = {
    get: db.prepare('SELECT 1 AS found FROM direct_transfer_peers WHERE account_id = ? AND peer = ?'),
    put: db.prepare('INSERT OR IGNORE INTO direct_transfer_peers (account_id, peer, allowed_at) VALUES (?, ?, ?)'),
    remove: db.prepare('DELETE FROM direct_transfer_peers WHERE account_id = ? AND peer = ?'),
  };
  return {
    allowed: (accountId, peer) => statements.get.get(accountId, peer) !== undefined,
    set(accountId, peer, allowed) {
      if (allowed) statements.put.run(accountId, peer, Date.now());
      else statements.remove.run(accountId, peer);
    },
  };
}
