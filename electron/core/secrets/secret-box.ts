// Where remembered passwords live: a JSON file readable only by the user, each value sealed by the host.
import { readFile, writeFile, rename } from 'node:fs/promises';

export type SecretStorageKind = 'os-keychain' | 'plain-file';

export interface SecretBox {
  readonly kind: SecretStorageKind;
  get(accountId: string): Promise<string | undefined>;
  set(accountId: string, password: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** How a host protects a value at rest: Electron's safeStorage, or nothing in browser mode. */
export interface Sealer {
  readonly kind: SecretStorageKind;
  seal(plain: string): string;
  open(sealed: string): string;
}

export const plainSealer: Sealer = { kind: 'plain-file', seal: (plain) => plain, open: (sealed) => sealed };

export function createFileSecretBox(file: string, sealer: Sealer): SecretBox {
  let queue: Promise<unknown> = Promise.resolve();
  // Writes are serialised so two accounts saved at once cannot lose one another.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async function save(entries: Record<string, string>): Promise<void> {
    const temp = `${file}.tmp`;
    await writeFile(temp, JSON.stringify(entries), { mode: 0o600 });
    await rename(temp, file);
  }

  return {
    kind: sealer.kind,
    get: (accountId) =>
      serial(async () => {
        const sealed = (await load())[accountId];
        return sealed === undefined ? undefined : sealer.open(sealed);
      }),
    set: (accountId, password) =>
      serial(async () => {
        const entries = await load();
        entries[accountId] = sealer.seal(password);
        await save(entries);
      }),
    delete: (accountId) =>
      serial(async () => {
        const entries = await load();
        if (!(accountId in entries)) return;
        delete entries[accountId];
        await save(entries);
      }),
  };
}
