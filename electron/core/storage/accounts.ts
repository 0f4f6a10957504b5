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
  list(): AccountRecord[];
  insert(record: AccountRecord): void;
  update(id: string, changes: Partial<Pick<AccountRecord, 'passwordSaved' | 'enabled'>>): void;
  remove(id: string): void;
  pinned(id: string): PinnedCertificate[];
  pin(id: string, certificate: PinnedCertificate): void;
  sasl(id: string): SaslRecord | undefined;
  rememberSasl(id: string, record: SaslRecord): void;
}

export function createAccountStore(db: Database): AccountStore {
  const selectAll = db.prepare('SELECT id, jid, resource, host, port, tls, password_saved, enabled FROM accounts ORDER BY created_at, rowid');
  const insert = db.prepare(
    'INSERT INTO accounts (id, jid, resource, host, port, tls, password_saved, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setPasswordSaved = db.prepare('UPDATE accounts SET password_saved = ? WHERE id = ?');
  const setEnabled = db.prepare('UPDATE accounts SET enabled = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?');
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
    list: () => (selectAll.all() as unknown as AccountRow[]).map(fromRow),
    insert: (r) => {
      insert.run(r.id, r.jid, r.resource, r.host ?? null, r.port ?? null, r.tls, r.passwordSaved ? 1 : 0, r.enabled ? 1 : 0, Date.now());
    },
    update: (id, changes) => {
      if (changes.passwordSaved !== undefined) setPasswordSaved.run(changes.passwordSaved ? 1 : 0, id);
      if (changes.enabled !== undefined) setEnabled.run(changes.enabled ? 1 : 0, id);
    },
    remove: (id) => {
      remove.run(id);
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
