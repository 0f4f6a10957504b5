// One side of a Jingle transfer in its own process: a Causette core with a fresh profile holding the account, signed in,
// driven through its commands (transfer.send, transfer.accept) and events (transfer.updated), as the window drives it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { Account } from '../../../shared/model/account.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import type { Core } from '../../../electron/core/core-api.ts';
import { createCore } from '../../../electron/core/core.ts';
import { silentLogger, type Logger } from '../../../electron/core/log/logger.ts';
import { createFileSecretBox, plainSealer } from '../../../electron/core/secrets/secret-box.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import type { JingleJob } from '../job.ts';
import { methodChoice } from '../methods.ts';

export interface CoreSide {
  readonly core: Core;
  readonly accountId: string;
  /** Our full JID once online. */
  readonly jid: string;
  /** What the core logged at info level: the receiver says there whether the file's hash was verified. */
  readonly notes: { readonly message: string; readonly fields?: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Signs the job's account in with a fresh core; `onTransfer` hears every transfer.updated event from the start. */
export async function coreSide(job: JingleJob, resource: string, onTransfer: (transfer: Transfer) => void): Promise<CoreSide> {
  const profile = mkdtempSync(join(tmpdir(), 'causette-bench-transfer-profile-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  process.on('exit', removeProfile);
  const notes: CoreSide['notes'] = [];
  const logger: Logger = { ...silentLogger, info: (message, fields) => void notes.push({ message, ...(fields ? { fields } : {}) }), child: () => logger };
  const accountId = randomUUID();
  const db = openDatabase(join(profile, 'causette.sqlite'));
  createAccountStore(db).insert({ id: accountId, jid: job.account.jid, resource, host: job.host, port: job.port, tls: 'direct', passwordSaved: false, enabled: true });
  db.close();
  // As in an installed app (electron/main.ts): events are checked against the contract only when run from the project.
  const core = await createCore({
    profileDir: profile,
    secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer),
    version: 'bench',
    extraCa: [job.caPem],
    logger,
    checkEvents: false,
    downloadsDir: join(profile, 'Downloads'),
    // Both sides run on this machine: the direct candidate is loopback, as in the tests, not every interface's address.
    directHosts: ['127.0.0.1'],
  });
  const choice = methodChoice(job.method);
  if (!choice) throw new Error(`the bench cannot ask the core for a ${job.method} transfer`);
  await core.handlers['settings.update'](choice.settings);
  let online: (jid: string) => void = () => undefined;
  const signedIn = new Promise<string>((resolve) => (online = resolve));
  core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
    if (name === 'transfer.updated') onTransfer(payload as Transfer);
    if (name === 'account.updated') {
      const { connection } = payload as Account;
      if (connection.status === 'online') online(connection.jid);
    }
  });
  await core.handlers['account.connect']({ accountId, password: job.account.password });
  const jid = await signedIn;
  return {
    core,
    accountId,
    jid,
    notes,
    async close() {
      await core.close();
      removeProfile();
    },
  };
}

/** Whether a transfer is over, one way or another. */
export const isOver = (transfer: Transfer): boolean => transfer.state !== 'pending' && transfer.state !== 'active';

/** Resolves once `probe` answers true, polling every 50 ms; rejects after `timeoutMs`. */
export async function until(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
