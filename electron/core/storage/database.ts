// One SQLite database per profile (node:sqlite), in WAL mode, migrated to the latest version on open.
import { DatabaseSync } from 'node:sqlite';
import { migrations as allMigrations, type Migration } from './migrations.ts';

export type Database = DatabaseSync;

export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Database {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
  migrate(db, migrations);
  return db;
}

/** Runs every migration newer than the database, each in its own transaction; refuses a database from a newer Causette. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`This profile was written by a newer Causette (schema ${current}, this version knows ${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Migration ${migration.version} (${migration.description}) failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return schemaVersion(db);
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}
