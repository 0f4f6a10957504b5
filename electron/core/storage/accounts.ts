// Accounts, their pinned certificates and what their last sign-in used, in the store.
import type { StatementSync } from 'node:sqlite';
import type { TlsMode } from '../../../shared/model/account.ts';
import type { Database } from './database.ts';

export interface AccountRecord {
  readonly id: string;
  readonly jid: string;
  readonly resource: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly tls: TlsMode;
  readonly passwordSaved: boolean;
  readonly enabled: boolean;
}

export interface PinnedCertificate {
  readonly fingerprint256: string;
  readonly pem: string;
}

/** The SASL mechanism of the last sign-in and whether channel binding (-PLUS) was offered then. */
export interface SaslRecord {
  readonly mechanism: string;
  readonly plusOffered: boolean;
}

interface AccountRow {
  id: string;
  jid: string;
  resource: string;
  host: string | null;
  port: number | null;
  tls: TlsMode;
  password_saved: number;
  enabled: number;
}

export interface AccountStore {
  /** The accounts set up, not those removed with their history kept. */
  list(): AccountRecord[];
  insert(record: AccountRecord): void;
  update(id: string, changes: Partial<Pick<AccountRecord, 'passwordSaved' | 'enabled'>>): void;
  /**
   * Without keepHistory, the account and everything of it goes. With it, its messages, conversations and archive
   * cursors stay under its id (hidden), and all the rest goes: roster, avatars, pinned certificates, sign-in memory.
   */
  remove(id: string, options?: { readonly keepHistory: boolean }): void;
  /** The id of an account of this address removed with its history kept, which adding it again takes back. */
  keptHistoryOf(jid: string): string | undefined;
  /** Sets up again, under its old id, an account removed with its history kept. */
  revive(record: AccountRecord): void;
  pinned(id: string): PinnedCertificate[];
  pin(id: string, certificate: PinnedCertificate): void;
  sasl(id: string): SaslRecord | undefined;
  rememberSasl(id: string, record: SaslRecord): void;
}

/** What an account removed with its history kept loses all the same: state of the server's that a new sign-in fetches again. */
const FORGOTTEN_WITH_ACCOUNT = [
  'pinned_certificates',
  'roster_items',
  'roster_versions',
  'subscription_requests',
  'own_presence',
  'contact_avatars',
  'own_avatars',
  'outbox_references',
  'sasl_memory',
  'room_invitations',
] as const;

export function createAccountStore(db: Database): AccountStore {
  const insert = db.prepare(
    'INSERT INTO accounts (id, jid, resource, host, port, tls, password_saved, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setPasswordSaved = db.prepare('UPDATE accounts SET password_saved = ? WHERE id = ?');
  const setEnabled = db.prepare('UPDATE accounts SET enabled = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?');

  // Prepared on first use, as they need schema 13 (removed accounts) and the migration tests open older ones.
  let removalStatements: { list: StatementSync; kept: StatementSync; revive: StatementSync; forget: StatementSync[]; hide: StatementSync } | undefined;
  const removal = () =>
    (removalStatements ??= {
      list: db.prepare('SELECT id, jid, resource, host, port, tls, password_saved, enabled FROM accounts WHERE removed = 0 ORDER BY created_at, rowid'),
      kept: db.prepare('SELECT id FROM accounts WHERE jid = ? AND removed = 1'),
      revive: db.prepare(
        'UPDATE accounts SET resource = ?, host = ?, port = ?, tls = ?, password_saved = ?, enabled = ?, created_at = ?, removed = 0 WHERE id = ? AND removed = 1',
      ),
      forget: FORGOTTEN_WITH_ACCOUNT.map((table) => db.prepare(`DELETE FROM ${table} WHERE account_id = ?`)),
      // Hidden and never signed in with; a saved password is the secret box's business (account.remove decides).
      hide: db.prepare("UPDATE accounts SET removed = 1, enabled = 0, password_saved = 0 WHERE id = ?"),
    });
  const selectPinned = db.prepare('SELECT fingerprint256, pem FROM pinned_certificates WHERE account_id = ? ORDER BY pinned_at');
  const pin = db.prepare(
    'INSERT INTO pinned_certificates (account_id, fingerprint256, pem, pinned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET pem = excluded.pem',
  );

  // Prepared on first use, so this store also opens a database of an older schema (the migration tests do).
  let saslStatements: { select: StatementSync; upsert: StatementSync } | undefined;
  const sasl = () =>
    (saslStatements ??= {
      select: db.prepare('SELECT mechanism, plus_offered FROM sasl_memory WHERE account_id = ?'),
      upsert: db.prepare(
        'INSERT INTO sasl_memory (account_id, mechanism, plus_offered) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET mechanism = excluded.mechanism, plus_offered = excluded.plus_offered',
      ),
    });

  return {
    list: () => (removal().list.all() as unknown as AccountRow[]).map(fromRow),
    insert: (r) => {
      insert.run(r.id, r.jid, r.resource, r.host ?? null, r.port ?? null, r.tls, r.passwordSaved ? 1 : 0, r.enabled ? 1 : 0, Date.now());
    },
    update: (id, changes) => {
      if (changes.passwordSaved !== undefined) setPasswordSaved.run(changes.passwordSaved ? 1 : 0, id);
      if (changes.enabled !== undefined) setEnabled.run(changes.enabled ? 1 : 0, id);
    },
    remove: (id, options) => {
      if (!options?.keepHistory) {
        remove.run(id);
        return;
      }
      const { forget, hide } = removal();
      db.exec('BEGIN');
      try {
        for (const statement of forget) statement.run(id);
        hide.run(id);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    keptHistoryOf: (jid) => (removal().kept.get(jid) as { id: string } | undefined)?.id,
    revive: (r) => {
      removal().revive.run(r.resource, r.host ?? null, r.port ?? null, r.tls, r.passwordSaved ? 1 : 0, r.enabled ? 1 : 0, Date.now(), r.id);
    },
    pinned: (id) => selectPinned.all(id) as unknown as PinnedCertificate[],
    pin: (id, c) => {
      pin.run(id, c.fingerprint256, c.pem, Date.now());
    },
    sasl: (id) => {
      const row = sasl().select.get(id) as { mechanism: string; plus_offered: number } | undefined;
      return row && { mechanism: row.mechanism, plusOffered: row.plus_offered === 1 };
    },
    rememberSasl: (id, r) => {
      sasl().upsert.run(id, r.mechanism, r.plusOffered ? 1 : 0);
    },
  };
}

function fromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    jid: row.jid,
    resource: row.resource,
    host: row.host ?? undefined,
    port: row.port ?? undefined,
    tls: row.tls,
    passwordSaved: row.password_saved === 1,
    enabled: row.enabled === 1,
  };
}
