// The transfer scenario's ground: a harness Prosody where alice and bob have each other in their rosters with a mutual
// subscription (as a direct transfer requires, issue 13 point 9), and the files sent, of random bytes, in a temporary folder.
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProsody, type ProsodyServer } from '../../test/server/prosody.ts';
import type { Account } from './job.ts';

export interface TransferFixture {
  readonly server: ProsodyServer;
  readonly alice: Account;
  readonly bob: Account;
  /** The temporary folder: the files sent, and the receivers' folders. */
  readonly work: string;
  dispose(): Promise<void>;
}

const domain = 'localhost';
const users = [
  { username: 'alice', password: 'alice-bench-pw' },
  { username: 'bob', password: 'bob-bench-pw' },
];

/** Prosody's datamanager path encoding: every non-alphanumeric byte as %xx. */
const encode = (value: string) => value.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Prosody 0.12's internal roster store (keyval): one contact with subscription "both". */
const rosterOf = (contact: string) => ['return {', '\t[false] = { ["version"] = 1; ["pending"] = {}; };', `\t["${contact}"] = { ["subscription"] = "both"; ["groups"] = {}; };`, '};', ''].join('\n');

/** `proxy`: whether the server offers its XEP-0065 SOCKS5 proxy. */
export async function startTransferFixture(proxy: boolean): Promise<TransferFixture> {
  const server = await startProsody({ domain, users, withoutProxy: !proxy });
  const work = mkdtempSync(join(tmpdir(), 'causette-bench-transfer-'));
  const dispose = async () => {
    rmSync(work, { recursive: true, force: true });
    await server.dispose();
  };
  try {
    // Prosody reads a roster from storage when its user signs in, so writing it while the server runs is safe.
    const dir = join(server.dataDir, 'data', encode(domain), 'roster');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${encode('alice')}.dat`), rosterOf(`bob@${domain}`));
    await writeFile(join(dir, `${encode('bob')}.dat`), rosterOf(`alice@${domain}`));
  } catch (error) {
    await dispose();
    throw error;
  }
  const [alice, bob] = users.map(({ username, password }) => ({ jid: `${username}@${domain}`, password }));
  if (!alice || !bob) throw new Error('the fixture has two users');
  return { server, alice, bob, work, dispose };
}

/** A file of `size` random bytes, written 1 MiB at a time. */
export async function randomFile(path: string, size: number): Promise<void> {
  const chunk = Buffer.alloc(Math.min(size, 1024 * 1024));
  const file = await open(path, 'wx');
  try {
    for (let written = 0; written < size; written += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, size - written));
      randomFillSync(part);
      await file.write(part);
    }
  } finally {
    await file.close();
  }
}
