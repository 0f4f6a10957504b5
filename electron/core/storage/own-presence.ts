// The presence the user chose for each account (show, status, priority) and their last status messages.
import { OwnShowSchema, type OwnShow } from '../../../shared/model/presence.ts';
import type { Database } from './database.ts';

export interface ChosenPresence {
  readonly show: OwnShow;
  readonly status: string;
  readonly priority: number;
}

export interface StoredOwnPresence {
  readonly chosen: ChosenPresence;
  /** Most recent first, distinct, at most five. */
  readonly recentStatuses: readonly string[];
  /** What signing in again brings back after "offline": the last state chosen before it. */
  readonly resumeShow?: OwnShow | undefined;
}

export interface OwnPresenceStore {
  read(accountId: string): StoredOwnPresence | undefined;
  write(accountId: string, value: StoredOwnPresence): void;
}

interface Row {
  show: string;
  status: string;
  priority: number;
  recent_statuses: string;
  resume_show: string | null;
}

function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

export function createOwnPresenceStore(db: Database): OwnPresenceStore {
  const select = db.prepare('SELECT show, status, priority, recent_statuses, resume_show FROM own_presence WHERE account_id = ?');
  const upsert = db.prepare(
    `INSERT INTO own_presence (account_id, show, status, priority, recent_statuses, resume_show) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET show = excluded.show, status = excluded.status, priority = excluded.priority,
       recent_statuses = excluded.recent_statuses, resume_show = excluded.resume_show`,
  );
  return {
    read(accountId) {
      const row = select.get(accountId) as Row | undefined;
      if (!row) return undefined;
      const show = OwnShowSchema.safeParse(row.show);
      const resume = OwnShowSchema.safeParse(row.resume_show);
      return {
        chosen: { show: show.success ? show.data : 'online', status: row.status, priority: row.priority },
        recentStatuses: parseList(row.recent_statuses),
        ...(resume.success ? { resumeShow: resume.data } : {}),
      };
    },
    write(accountId, { chosen, recentStatuses, resumeShow }) {
      upsert.run(accountId, chosen.show, chosen.status, chosen.priority, JSON.stringify(recentStatuses), resumeShow ?? null);
    },
  };
}
