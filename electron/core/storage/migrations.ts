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
  {
    version: 5,
    description: 'delivery states, corrections, retractions, replies, reactions; conversation settings; archive sync state',
    sql: `
      CREATE TABLE messages_v5 (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        peer TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        ts INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'delivered', 'read', 'failed', 'received')),
        origin_id TEXT,
        stanza_id TEXT,
        remote_id TEXT,
        error TEXT,
        read INTEGER NOT NULL DEFAULT 0,
        markable INTEGER NOT NULL DEFAULT 0,
        corrected_at INTEGER,
        retracted INTEGER NOT NULL DEFAULT 0,
        reply_to_remote_id TEXT,
        reply_quote TEXT,
        reactions TEXT,
        encrypted INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO messages_v5 (rowid, id, account_id, peer, direction, body, ts, state, origin_id, stanza_id, remote_id, error, read)
        SELECT rowid, id, account_id, peer, direction, body, ts,
          CASE WHEN direction = 'in' THEN 'received' ELSE state END,
          origin_id, stanza_id, CASE WHEN direction = 'out' THEN id END, error, read
        FROM messages;
      DROP TABLE messages;
      ALTER TABLE messages_v5 RENAME TO messages;
      CREATE INDEX messages_by_peer_ts ON messages (account_id, peer, ts);
      CREATE UNIQUE INDEX messages_origin_id ON messages (account_id, peer, direction, origin_id) WHERE origin_id IS NOT NULL;
      CREATE UNIQUE INDEX messages_stanza_id ON messages (account_id, peer, stanza_id) WHERE stanza_id IS NOT NULL;
      CREATE INDEX messages_remote_id ON messages (account_id, peer, remote_id) WHERE remote_id IS NOT NULL;
      CREATE INDEX messages_unread ON messages (account_id, peer, ts) WHERE read = 0;
      CREATE INDEX messages_pending ON messages (account_id) WHERE state = 'pending';
      CREATE TABLE conversations (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        peer TEXT NOT NULL,
        muted INTEGER NOT NULL DEFAULT 0,
        -- XEP-0313: the archive holds nothing older than the oldest message stored here.
        archive_complete INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, peer)
      ) STRICT;
      CREATE TABLE archive_sync (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        -- The newest archive id fully caught up to; the next catch-up starts after it.
        last_id TEXT NOT NULL,
        last_ts INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 6,
    description: 'full-text search of message bodies (FTS5), kept current by triggers',
    sql: `
      CREATE VIRTUAL TABLE messages_fts USING fts5(body, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO messages_fts (rowid, body) SELECT rowid, body FROM messages;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
      END;
    `,
  },
  {
    version: 7,
    description: 'stanzas about messages (corrections, retractions, reactions, markers) kept until the server acknowledges them',
    sql: `
      CREATE TABLE outbox_references (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        args TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    description: 'messages of rooms: their kind, the sender inside the room and the archive they came from; one archive cursor per archive',
    sql: `
      ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat' CHECK (kind IN ('chat', 'groupchat', 'private'));
      ALTER TABLE messages ADD COLUMN sender_nick TEXT;
      ALTER TABLE messages ADD COLUMN sender_occupant_id TEXT;
      ALTER TABLE messages ADD COLUMN sender_jid TEXT;
      ALTER TABLE messages ADD COLUMN archive TEXT;
      CREATE TABLE archive_cursors (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- The archive's bare JID: our account's, or a room's (XEP-0313 §7).
        archive TEXT NOT NULL,
        last_id TEXT NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (account_id, archive)
      ) STRICT;
      INSERT INTO archive_cursors (account_id, archive, last_id, last_ts)
        SELECT archive_sync.account_id, accounts.jid, last_id, last_ts FROM archive_sync JOIN accounts ON accounts.id = archive_sync.account_id;
      DROP TABLE archive_sync;
    `,
  },
  {
    version: 9,
    description: "what each account's last sign-in used, to refuse a weaker offer later (SASL downgrade protection)",
    sql: `
      CREATE TABLE sasl_memory (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        mechanism TEXT NOT NULL,
        -- 1 when the server offered a SCRAM-*-PLUS (channel binding) at that sign-in.
        plus_offered INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 10,
    description: 'conversations accepted by the user: one from a stranger waits as a message request until then',
    sql: `
      ALTER TABLE conversations ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0;
      -- Conversations from before requests were held stay where the user had them.
      INSERT INTO conversations (account_id, peer, accepted)
        SELECT DISTINCT account_id, peer, 1 FROM messages WHERE true
        ON CONFLICT (account_id, peer) DO UPDATE SET accepted = 1;
    `,
  },
  {
    version: 11,
    description: 'the state to come back to when signing in again after signing out (the last one chosen before "offline")',
    sql: `
      ALTER TABLE own_presence ADD COLUMN resume_show TEXT;
    `,
  },
  {
    version: 12,
    description: 'how much of a body too long to keep was cut, which the window words in the reader’s language',
    sql: `
      ALTER TABLE messages ADD COLUMN body_cut INTEGER CHECK (body_cut > 0);
    `,
  },
  {
    version: 13,
    description: 'an account removed with its history kept: its row stays, marked removed, so adding it again finds its messages',
    sql: `
      ALTER TABLE accounts ADD COLUMN removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1));
    `,
  },
  {
    version: 14,
    description: 'OMEMO keys of each account (XEP-0384): own identity, signed and one-time prekeys, sessions, contacts’ device identities; private material sealed',
    sql: `
      CREATE TABLE omemo_identity (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        -- The device id, also the Signal registration id.
        device_id INTEGER NOT NULL CHECK (device_id > 0),
        public_key BLOB NOT NULL,
        sealed_private_key BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        -- The highest one-time prekey id ever given out: a used id is never given to a new key.
        last_prekey_id INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE omemo_signed_prekeys (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key_id INTEGER NOT NULL,
        public_key BLOB NOT NULL,
        sealed_private_key BLOB NOT NULL,
        signature BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, key_id)
      ) STRICT;
      CREATE TABLE omemo_prekeys (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key_id INTEGER NOT NULL,
        public_key BLOB NOT NULL,
        sealed_private_key BLOB NOT NULL,
        PRIMARY KEY (account_id, key_id)
      ) STRICT;
      CREATE TABLE omemo_sessions (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        -- The Signal session record holds chain and root keys: sealed like a private key.
        sealed_record BLOB NOT NULL,
        PRIMARY KEY (account_id, jid, device_id)
      ) STRICT;
      CREATE TABLE omemo_device_identities (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        identity_key BLOB NOT NULL,
        trust TEXT NOT NULL DEFAULT 'undecided' CHECK (trust IN ('undecided', 'trusted', 'verified', 'untrusted')),
        first_seen INTEGER NOT NULL,
        PRIMARY KEY (account_id, jid, device_id)
      ) STRICT;
    `,
  },
  {
    version: 15,
    description: 'invitations to rooms (XEP-0249 direct, XEP-0045 §7.8.2 mediated), kept until joined or declined',
    sql: `
      CREATE TABLE room_invitations (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        room TEXT NOT NULL,
        inviter TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'mediated')),
        reason TEXT,
        password TEXT,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, room)
      ) STRICT;
    `,
  },
  {
    version: 16,
    description: 'a room message removed by a moderator (XEP-0425): who and why, as JSON; the message is retracted too',
    sql: `
      ALTER TABLE messages ADD COLUMN moderation TEXT CHECK (moderation IS NULL OR json_valid(moderation));
    `,
  },
  {
    version: 17,
    description: "rooms' notification setting (all, mentions, none), and which room messages name our nickname",
    sql: `
      -- NULL: the default (mentions, for a room).
      ALTER TABLE conversations ADD COLUMN notify TEXT CHECK (notify IN ('all', 'mentions', 'none'));
      ALTER TABLE messages ADD COLUMN mention INTEGER NOT NULL DEFAULT 0 CHECK (mention IN (0, 1));
    `,
  },
  {
    version: 18,
    description: 'full-text search of room messages by who wrote them too: the index holds the sender nickname beside the body',
    sql: `
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      DROP TABLE messages_fts;
      CREATE VIRTUAL TABLE messages_fts USING fts5(body, sender_nick, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body, sender_nick) VALUES (new.rowid, new.body, new.sender_nick);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body, sender_nick) VALUES ('delete', old.rowid, old.body, old.sender_nick);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, sender_nick ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body, sender_nick) VALUES ('delete', old.rowid, old.body, old.sender_nick);
        INSERT INTO messages_fts (rowid, body, sender_nick) VALUES (new.rowid, new.body, new.sender_nick);
      END;
    `,
  },
  {
    version: 19,
    description: 'OMEMO (XEP-0384): whether a message was encrypted, by which device, or could not be decrypted; each conversation’s encryption choice',
    sql: `
      ALTER TABLE messages ADD COLUMN sender_device INTEGER;
      ALTER TABLE messages ADD COLUMN undecryptable INTEGER NOT NULL DEFAULT 0 CHECK (undecryptable IN (0, 1));
      -- NULL: not chosen, on when the contact has OMEMO devices.
      ALTER TABLE conversations ADD COLUMN encryption INTEGER CHECK (encryption IN (0, 1));
    `,
  },
  {
    version: 20,
    description: 'Why we did not send a failed message, as an error code with its values (JSON), for the renderer to say in the user’s language',
    sql: `
      ALTER TABLE messages ADD COLUMN failure TEXT;
    `,
  },
  {
    version: 21,
    description: 'XEP-0066: the body is the URL of a file the stanza also shared out of band (shown as a file to download)',
    sql: `ALTER TABLE messages ADD COLUMN oob INTEGER NOT NULL DEFAULT 0 CHECK (oob IN (0, 1));`,
  },
  {
    version: 22,
    description: 'OMEMO (XEP-0384): when a message from each device was last decrypted, shown beside its fingerprint',
    sql: `
      -- NULL: no message from it opened yet.
      ALTER TABLE omemo_device_identities ADD COLUMN last_seen INTEGER;
    `,
  },
  {
    version: 23,
    description: 'OMEMO (XEP-0384): the new-device banners the user dismissed, per contact and device, so that they stay dismissed after a restart',
    sql: `
      CREATE TABLE omemo_banner_dismissals (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, jid, device_id)
      ) STRICT;
    `,
  },
  {
    version: 24,
    description: 'OMEMO 2 (XEP-0384 v0.8): sessions with devices that speak it, beside the OMEMO 0.3 ones (the same device may have both)',
    sql: `
      CREATE TABLE omemo2_sessions (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        jid TEXT NOT NULL,
        device_id INTEGER NOT NULL,
        -- The session as JSON (omemo2/session-codec.ts) holds chain and root keys: sealed like a private key.
        sealed_record BLOB NOT NULL,
        PRIMARY KEY (account_id, jid, device_id)
      ) STRICT;
    `,
  },
  {
    version: 25,
    description: 'XEP-0260 §6.1: the people the user allowed to learn our addresses by direct file transfers though not a mutual contact',
    sql: `
      CREATE TABLE direct_transfer_peers (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        peer TEXT NOT NULL,
        allowed_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, peer)
      ) STRICT;
    `,
  },
  {
    version: 26,
    description: 'Jingle (XEP-0234 §6.4): interrupted file transfers that can go on after a restart, the file sent or the bytes received so far',
    sql: `
      CREATE TABLE jingle_resumable (
        transfer_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        -- The record as JSON (model/resumable-transfer.ts): peer, sid, method, the file's description, its path, folder and name.
        record TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
