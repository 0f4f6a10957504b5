// Entity capabilities (XEP-0115 §6.3): what a verified 'ver' stands for, kept across runs; a 'ver' never changes meaning.
import type { DiscoInfo } from '../model/disco-info.ts';
import type { Database } from './database.ts';

export interface CapsCacheStore {
  get(hash: string, ver: string): DiscoInfo | undefined;
  put(hash: string, ver: string, info: DiscoInfo): void;
}

/** Rows kept: far more than the distinct clients of any roster. */
export const maxCapsEntries = 5_000;

export function createCapsCacheStore(db: Database): CapsCacheStore {
  const select = db.prepare('SELECT info FROM caps_cache WHERE hash = ? AND ver = ?');
  const insert = db.prepare('INSERT INTO caps_cache (hash, ver, info) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  // Contacts can announce any number of verified 'ver's: the oldest learned go past the bound, and are asked again if seen.
  const trim = db.prepare('DELETE FROM caps_cache WHERE rowid <= (SELECT MAX(rowid) FROM caps_cache) - ?');
  return {
    get(hash, ver) {
      const row = select.get(hash, ver) as { info: string } | undefined;
      if (!row) return undefined;
      try {
        return JSON.parse(row.info) as DiscoInfo;
      } catch {
        return undefined;
      }
    },
    put(hash, ver, info) {
      insert.run(hash, ver, JSON.stringify(info));
      trim.run(maxCapsEntries);
    },
  };
}
