// Files the user chose (a drop, the file picker, a paste) as tokens: the renderer names a file only by the token its host
// gave for it, never by a path, so a compromised page cannot send any file of the disk.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CausetteError } from '../../../shared/ipc/errors.ts';

export interface ChosenFile {
  readonly path: string;
  /** The name shown and offered: the path's last part, without control characters. */
  readonly name: string;
  readonly size: number;
}

/** Tokens are forgotten after a while: a choice is meant to be sent soon. */
const KEPT_MS = 60 * 60_000;
const MAX_KEPT = 1_000;

// Control characters (C0, DEL, C1) and the bidi overrides that can disguise a file's extension.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

export function safeName(path: string): string {
  const name = basename(path).replace(UNSAFE, '').trim();
  return name === '' ? 'file' : name.slice(0, 255);
}

export function createFileRegistry(now: () => number = Date.now) {
  const chosen = new Map<string, ChosenFile & { readonly at: number }>();
  return {
    /** A regular file the user chose; its token for the renderer. */
    async register(path: string, name?: string): Promise<{ token: string } & ChosenFile> {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new CausetteError('not-found', 'That is not a file that can be sent.', undefined, { context: 'fileUnreadable' });
      for (const [token, file] of chosen) if (chosen.size >= MAX_KEPT || now() - file.at > KEPT_MS) chosen.delete(token);
      const token = randomUUID();
      const file = { path, name: safeName(name ?? path), size: info.size };
      chosen.set(token, { ...file, at: now() });
      return { token, ...file };
    },
    resolve(token: string): ChosenFile {
      const file = chosen.get(token);
      if (!file || now() - file.at > KEPT_MS) throw new CausetteError('not-found', 'That file is no longer at hand: choose it again.', undefined, { context: 'fileUnreadable' });
      return file;
    },
  };
}

export type FileRegistry = ReturnType<typeof createFileRegistry>;
