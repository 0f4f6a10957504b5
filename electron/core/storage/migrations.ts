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
  {
    version: 2,
    description: 'roster with its version, subscription requests, own presence, capabilities cache',
    sql: `
      CREATE TABLE roster_items (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        name TEXT,
        groups TEXT NOT NULL DEFAULT '[]',
        subscription TEXT NOT NULL CHECK (subscription IN ('none', 'to', 'from', 'both')),
        ask INTEGER NOT NULL DEFAULT 0,
        approved INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, jid)
      ) STRICT;
      CREATE TABLE roster_versions (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        ver TEXT NOT NULL
      ) STRICT;
      CREATE TABLE subscription_requests (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        message TEXT,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, jid)
      ) STRICT;
      CREATE TABLE own_presence (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        show TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        priority INTEGER NOT NULL DEFAULT 0,
        recent_statuses TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE TABLE caps_cache (
        hash TEXT NOT NULL,
        ver TEXT NOT NULL,
        info TEXT NOT NULL,
        PRIMARY KEY (hash, ver)
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: 'avatar hashes of contacts and of our own account',
    sql: `
      CREATE TABLE contact_avatars (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        hash TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('pep', 'vcard')),
        PRIMARY KEY (account_id, jid)
      ) STRICT;
      CREATE TABLE own_avatars (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        hash TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'one-to-one chat messages, de-duplicated per peer by origin-id and stanza-id (XEP-0359)',
    sql: `
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        peer TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        ts INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
        origin_id TEXT,
        stanza_id TEXT,
        error TEXT,
        read INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX messages_by_peer_ts ON messages (account_id, peer, ts);
      CREATE UNIQUE INDEX messages_origin_id ON messages (account_id, peer, direction, origin_id) WHERE origin_id IS NOT NULL;
      CREATE UNIQUE INDEX messages_stanza_id ON messages (account_id, peer, stanza_id) WHERE stanza_id IS NOT NULL;
    `,
  },
];
