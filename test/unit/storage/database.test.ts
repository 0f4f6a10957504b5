import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../electron/core/storage/database.ts';
import { migrations } from '../../../electron/core/storage/migrations.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { createSettingsStore } from '../../../electron/core/storage/settings.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-db-'));
  dirs.push(dir);
  return join(dir, 'causette.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('store migrations', () => {
  it('brings a new database to the latest schema in WAL mode', () => {
    const db = openDatabase(tempFile());
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('runs only the migrations newer than the database, once', () => {
    const file = tempFile();
    const first = [{ version: 1, description: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }];
    openDatabase(file, first).close();
    const both = [...first, { version: 2, description: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' }];
    const db = openDatabase(file, both);
    expect(schemaVersion(db)).toBe(2);
    expect((db.prepare('PRAGMA table_info(a)').all() as { name: string }[]).map((c) => c.name)).toEqual(['x', 'y']);
    expect(migrate(db, both)).toBe(2);
    db.close();
  });

  it('rolls back a failing migration and leaves the version unchanged', () => {
    const file = tempFile();
    const good = [{ version: 1, description: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }];
    openDatabase(file, good).close();
    const broken = [...good, { version: 2, description: 'broken', sql: 'CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER);' }];
    expect(() => openDatabase(file, broken)).toThrow(/Migration 2 \(broken\) failed/);
    const db = openDatabase(file, good);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('moves the single archive cursor of schema 7 to the account’s own archive in schema 8, and marks old messages as chat', () => {
    const file = tempFile();
    const upTo7 = migrations.filter((migration) => migration.version <= 7);
    const old = openDatabase(file, upTo7);
    createAccountStore(old).insert({ id: 'a1', jid: 'alice@localhost', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
    old.prepare("INSERT INTO archive_sync (account_id, last_id, last_ts) VALUES ('a1', 'A7', 7)").run();
    old.prepare("INSERT INTO messages (id, account_id, peer, direction, body, ts, state) VALUES ('m1', 'a1', 'bob@localhost', 'in', 'hi', 1, 'received')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT account_id, archive, last_id, last_ts FROM archive_cursors').all()).toEqual([{ account_id: 'a1', archive: 'alice@localhost', last_id: 'A7', last_ts: 7 }]);
    expect(db.prepare('SELECT kind, sender_nick, archive FROM messages').all()).toEqual([{ kind: 'chat', sender_nick: null, archive: null }]);
    expect(() => db.prepare("UPDATE messages SET kind = 'headline'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('refuses a profile written by a newer version', () => {
    const file = tempFile();
    openDatabase(file, [...migrations, { version: 99, description: 'future', sql: 'SELECT 1;' }]).close();
    expect(() => openDatabase(file)).toThrow(/newer Causette/);
  });
});

describe('account and settings stores', () => {
  it('keeps accounts with their pins, and removing an account removes its pins', () => {
    const db = openDatabase(tempFile());
    const accounts = createAccountStore(db);
    accounts.insert({ id: 'a1', jid: 'alice@localhost', resource: 'causette.1', host: '127.0.0.1', port: 5222, tls: 'starttls', passwordSaved: true, enabled: true });
    accounts.pin('a1', { fingerprint256: 'AA:BB', pem: 'pem' });
    accounts.update('a1', { enabled: false });
    expect(accounts.list()).toEqual([
      { id: 'a1', jid: 'alice@localhost', resource: 'causette.1', host: '127.0.0.1', port: 5222, tls: 'starttls', passwordSaved: true, enabled: false },
    ]);
    expect(accounts.pinned('a1')).toEqual([{ fingerprint256: 'AA:BB', pem: 'pem' }]);
    accounts.remove('a1');
    expect(accounts.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM pinned_certificates').get()).toEqual({ n: 0 });
    db.close();
  });

  it("remembers an account's last sign-in across reopening, and forgets it with the account (re-adding starts afresh)", () => {
    const file = tempFile();
    const first = openDatabase(file);
    const accounts = createAccountStore(first);
    accounts.insert({ id: 'a1', jid: 'alice@localhost', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
    expect(accounts.sasl('a1')).toBeUndefined();
    accounts.rememberSasl('a1', { mechanism: 'SCRAM-SHA-1', plusOffered: false });
    accounts.rememberSasl('a1', { mechanism: 'SCRAM-SHA-256-PLUS', plusOffered: true });
    first.close();
    const db = openDatabase(file);
    const reopened = createAccountStore(db);
    expect(reopened.sasl('a1')).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', plusOffered: true });
    reopened.remove('a1');
    expect(db.prepare('SELECT count(*) AS n FROM sasl_memory').get()).toEqual({ n: 0 });
    db.close();
  });

  it('removes an account keeping its history: hidden, its messages kept, the rest gone; added again under its old id', () => {
    const db = openDatabase(tempFile());
    const accounts = createAccountStore(db);
    const record = { id: 'a1', jid: 'alice@localhost', resource: 'r', host: undefined, port: undefined, tls: 'auto' as const, passwordSaved: true, enabled: true };
    accounts.insert(record);
    accounts.pin('a1', { fingerprint256: 'AA:BB', pem: 'pem' });
    accounts.rememberSasl('a1', { mechanism: 'SCRAM-SHA-256', plusOffered: false });
    db.prepare("INSERT INTO messages (id, account_id, peer, direction, body, ts, state) VALUES ('m1', 'a1', 'bob@localhost', 'in', 'hi', 1, 'received')").run();
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

    accounts.remove('a1', { keepHistory: true });
    expect(accounts.list()).toEqual([]);
    expect(accounts.keptHistoryOf('alice@localhost')).toBe('a1');
    expect([count('messages'), count('pinned_certificates'), count('sasl_memory')]).toEqual([1, 0, 0]);

    accounts.revive({ ...record, resource: 'r2', passwordSaved: false });
    expect(accounts.list()).toEqual([{ ...record, resource: 'r2', passwordSaved: false }]);
    expect(accounts.keptHistoryOf('alice@localhost')).toBeUndefined();

    accounts.remove('a1');
    expect([count('accounts'), count('messages')]).toEqual([0, 0]);
    db.close();
  });

  it('refuses a second account with the same address', () => {
    const accounts = createAccountStore(openDatabase(tempFile()));
    const record = { id: 'a1', jid: 'alice@localhost', resource: 'r', host: undefined, port: undefined, tls: 'auto' as const, passwordSaved: false, enabled: true };
    accounts.insert(record);
    expect(() => accounts.insert({ ...record, id: 'a2' })).toThrow(/UNIQUE/);
  });

  it('reads defaults, then what was written, across reopening', () => {
    const file = tempFile();
    const settings = createSettingsStore(openDatabase(file));
    expect(settings.read()).toEqual(defaultSettings);
    expect(settings.write({ debugLogging: 'stanzas' })).toEqual({ ...defaultSettings, debugLogging: 'stanzas' });
    expect(createSettingsStore(openDatabase(file)).read()).toEqual({ ...defaultSettings, debugLogging: 'stanzas' });
  });
});
