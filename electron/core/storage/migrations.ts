// Versioned schema migrations, applied in order at start; PRAGMA user_version records the last one run.

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'accounts, pinned certificates and settings',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        jid TEXT NOT NULL UNIQUE,
        resource TEXT NOT NULL,
        host TEXT,
        port INTEGER,
        tls TEXT NOT NULL CHECK (tls IN ('auto', 'starttls', 'direct')),
        password_saved INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE pinned_certificates (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        fingerprint256 TEXT NOT NULL,
        pem TEXT NOT NULL,
        pinned_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, fingerprint256)
      ) STRICT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
];
