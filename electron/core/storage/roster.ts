// The roster as last seen (RFC 6121 §2) with its version (XEP-0237), and the subscription requests not yet answered (§3.1).
import type { Subscription, SubscriptionRequest } from '../../../shared/model/contact.ts';
import { maxStatusLength } from '../../../shared/model/presence.ts';
import { shortened } from '../../../shared/text/bounded.ts';
import type { RosterItem } from '../model/roster-item.ts';
import type { Database } from './database.ts';

export interface StoredRoster {
  readonly items: RosterItem[];
  /** Undefined when the server does not version rosters or nothing was stored yet. */
  readonly ver: string | undefined;
}

export interface RosterStore {
  load(accountId: string): StoredRoster;
  version(accountId: string): string | undefined;
  /** A full roster result replaces what was stored. */
  replace(accountId: string, items: readonly RosterItem[], ver: string | undefined): void;
  /** A roster push (§2.1.6): one item changed or removed, with the version it brings. */
  put(accountId: string, item: RosterItem, ver: string | undefined): void;
  remove(accountId: string, jid: string, ver: string | undefined): void;
  requests(accountId: string): SubscriptionRequest[];
  /** Keeps the request; past `maxRequests` per account the oldest are dropped (answers their JIDs). */
  putRequest(accountId: string, request: SubscriptionRequest): string[];
  removeRequest(accountId: string, jid: string): boolean;
}

interface ItemRow {
  jid: string;
  name: string | null;
  groups: string;
  subscription: Subscription;
  ask: number;
  approved: number;
}

/**
 * Pending requests kept per account. Past it the oldest go: the newest is the one a user is most likely waiting for, a
 * flood of spam does not hide it, and a dropped request is not lost, the server repeats pending ones at each sign-in (§3.1.3).
 */
export const maxRequests = 200;

interface RequestRow {
  jid: string;
  message: string | null;
  received_at: number;
}

function parseGroups(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
  } catch {
    return [];
  }
}

export function createRosterStore(db: Database): RosterStore {
  const selectItems = db.prepare('SELECT jid, name, groups, subscription, ask, approved FROM roster_items WHERE account_id = ? ORDER BY jid');
  const selectVer = db.prepare('SELECT ver FROM roster_versions WHERE account_id = ?');
  const upsertItem = db.prepare(
    `INSERT INTO roster_items (account_id, jid, name, groups, subscription, ask, approved) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, jid) DO UPDATE SET name = excluded.name, groups = excluded.groups, subscription = excluded.subscription,
       ask = excluded.ask, approved = excluded.approved`,
  );
  const deleteItem = db.prepare('DELETE FROM roster_items WHERE account_id = ? AND jid = ?');
  const deleteItems = db.prepare('DELETE FROM roster_items WHERE account_id = ?');
  const upsertVer = db.prepare('INSERT INTO roster_versions (account_id, ver) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET ver = excluded.ver');
  const deleteVer = db.prepare('DELETE FROM roster_versions WHERE account_id = ?');
  const selectRequests = db.prepare('SELECT jid, message, received_at FROM subscription_requests WHERE account_id = ? ORDER BY received_at, jid');
  const upsertRequest = db.prepare(
    `INSERT INTO subscription_requests (account_id, jid, message, received_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, jid) DO UPDATE SET message = excluded.message`,
  );
  const deleteRequest = db.prepare('DELETE FROM subscription_requests WHERE account_id = ? AND jid = ?');
  const deleteOldest = db.prepare(
    `DELETE FROM subscription_requests WHERE account_id = ? AND jid IN (SELECT jid FROM subscription_requests WHERE account_id = ?
       ORDER BY received_at DESC, rowid DESC LIMIT -1 OFFSET ?) RETURNING jid`,
  );

  // Items and version change together, or the next roster get could skip a change (XEP-0237 §4).
  function transaction(work: () => void): void {
    db.exec('BEGIN IMMEDIATE');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  const version = (accountId: string) => (selectVer.get(accountId) as { ver: string } | undefined)?.ver;
  const writeItem = (accountId: string, item: RosterItem) =>
    upsertItem.run(accountId, item.jid, item.name ?? null, JSON.stringify(item.groups), item.subscription, item.ask ? 1 : 0, item.approved ? 1 : 0);
  const writeVer = (accountId: string, ver: string | undefined) => (ver === undefined ? deleteVer.run(accountId) : upsertVer.run(accountId, ver));

  return {
    load(accountId) {
      const items = (selectItems.all(accountId) as unknown as ItemRow[]).map((row) => ({
        jid: row.jid,
        ...(row.name === null ? {} : { name: row.name }),
        groups: parseGroups(row.groups),
        subscription: row.subscription,
        ask: row.ask === 1,
        approved: row.approved === 1,
      }));
      return { items, ver: version(accountId) };
    },
    version,
    replace: (accountId, items, ver) =>
      transaction(() => {
        deleteItems.run(accountId);
        for (const item of items) writeItem(accountId, item);
        writeVer(accountId, ver);
      }),
    put: (accountId, item, ver) =>
      transaction(() => {
        writeItem(accountId, item);
        writeVer(accountId, ver);
      }),
    remove: (accountId, jid, ver) =>
      transaction(() => {
        deleteItem.run(accountId, jid);
        writeVer(accountId, ver);
      }),
    requests: (accountId) =>
      (selectRequests.all(accountId) as unknown as RequestRow[]).map((row) => ({
        jid: row.jid,
        ...(row.message === null ? {} : { message: row.message }),
        receivedAt: row.received_at,
      })),
    putRequest(accountId, request) {
      const message = request.message === undefined ? null : shortened(request.message, maxStatusLength);
      upsertRequest.run(accountId, request.jid, message, request.receivedAt);
      return (deleteOldest.all(accountId, accountId, maxRequests) as unknown as { jid: string }[]).map((row) => row.jid);
    },
    removeRequest: (accountId, jid) => Number(deleteRequest.run(accountId, jid).changes) > 0,
  };
}
