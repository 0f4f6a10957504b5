// Settings as validated key/value pairs; unknown or invalid stored values fall back to defaults.
import { SettingsSchema, defaultSettings, type Settings } from '../../../shared/model/settings.ts';
import type { Database } from './database.ts';

export interface SettingsStore {
  read(): Settings;
  write(changes: Partial<Settings>): Settings;
}

export function createSettingsStore(db: Database): SettingsStore {
  const selectAll = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function read(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of selectAll.all() as unknown as { key: string; value: string }[]) {
      stored[row.key] = JSON.parse(row.value);
    }
    const merged = { ...defaultSettings, ...stored };
    const parsed = SettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : defaultSettings;
  }

  return {
    read,
    write: (changes) => {
      const next = SettingsSchema.parse({ ...read(), ...changes });
      for (const [key, value] of Object.entries(changes)) upsert.run(key, JSON.stringify(value));
      return next;
    },
  };
}
