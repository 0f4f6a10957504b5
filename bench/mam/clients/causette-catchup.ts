// Causette's side, in its own process: a fresh profile holding bob's account and the archive cursor from before he
// went offline; the core signs in and its XEP-0313 catch-up fills the store. Times come from the core's events.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { Account } from '../../../shared/model/account.ts';
import { createCore } from '../../../electron/core/core.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { createFileSecretBox, plainSealer } from '../../../electron/core/secrets/secret-box.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../electron/core/storage/messages.ts';
import { readJob, report, settledMemory } from '../../load-job.ts';
import type { MamJob } from '../job.ts';

const job = readJob<MamJob>();
const profile = mkdtempSync(join(tmpdir(), 'causette-bench-mam-'));
const failAfter = setTimeout(() => {
  process.stderr.write(`causette catch-up: not done within ${String(job.timeoutMs)} ms\n`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}, job.timeoutMs);

const databaseFile = join(profile, 'causette.sqlite');
const accountId = randomUUID();
{
  // The profile as a previous session left it: the account (password not saved), the marker message it had received
  // and the archive cursor on it.
  const db = openDatabase(databaseFile);
  createAccountStore(db).insert({ id: accountId, jid: job.jid, resource: 'causette.bench', host: job.host, port: job.port, tls: 'direct', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const { cursor } = job;
  store.insert({ id: randomUUID(), accountId, peer: cursor.from.split('/')[0] ?? '', kind: 'chat', direction: 'in', body: job.markerBody, timestamp: cursor.timestamp, state: 'received', stanzaId: cursor.id, read: true });
  store.setArchiveCursor(accountId, job.jid, { id: cursor.id, timestamp: cursor.timestamp });
  db.close();
}

// As in an installed app (electron/main.ts): events are checked against the contract only when run from the project.
const core = await createCore({ profileDir: profile, secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer), version: 'bench', extraCa: [job.caPem], logger: silentLogger, checkEvents: false });

const marks: { online?: number; firstMessage?: number; firstReadable?: number; done?: number } = {};
let syncing = false;
/** runCatchUp reports 'syncing' once before the first page and once after each page. */
let progressEvents = 0;
let failure: string | undefined;
let finished: () => void = () => undefined;
const caughtUp = new Promise<void>((resolve) => (finished = resolve));
const probed = new Set<string>();
let t0 = 0;

/** The first conversation readable: chat.history for a peer the core has told about answers with messages. */
function probe(peer: string): void {
  if (marks.firstReadable !== undefined || probed.has(peer)) return;
  probed.add(peer);
  void core.handlers['chat.history']({ accountId, peer, limit: 50 }).then(
    (page) => {
      if (page.messages.length > 0) marks.firstReadable ??= performance.now() - t0;
      else probed.delete(peer);
    },
    () => probed.delete(peer),
  );
}

core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
  const now = performance.now() - t0;
  if (name === 'account.updated') {
    const { connection } = payload as Account;
    if (connection.status === 'online') marks.online ??= now;
    if (connection.status === 'offline' && connection.reason) failure = `offline: ${JSON.stringify(connection.reason)}`;
  }
  if (name === 'chat.message') {
    marks.firstMessage ??= now;
    probe((payload as EventPayload<'chat.message'>).message.peer);
  }
  if (name === 'chat.conversation') probe((payload as EventPayload<'chat.conversation'>).conversation.peer);
  if (name === 'chat.archiveSync') {
    const { sync } = payload as EventPayload<'chat.archiveSync'>;
    if (sync.status === 'syncing') {
      syncing = true;
      progressEvents += 1;
    }
    if (sync.status === 'failed') failure = `catch-up failed: ${sync.error ?? 'no reason given'}`;
    if ((sync.status === 'idle' && syncing) || failure !== undefined) {
      marks.done ??= now;
      finished();
    }
  }
  if (failure !== undefined) finished();
});

t0 = performance.now();
await core.handlers['account.connect']({ accountId, password: job.password });
await caughtUp;
if (failure !== undefined) throw new Error(failure);
const memory = settledMemory();
await core.close();

const db = openDatabase(databaseFile);
const { messages, conversations } = db.prepare('SELECT COUNT(*) AS messages, COUNT(DISTINCT peer) AS conversations FROM messages WHERE account_id = ?').get(accountId) as {
  messages: number;
  conversations: number;
};
db.close();
rmSync(profile, { recursive: true, force: true });
clearTimeout(failAfter);
// The marker was there before: the catch-up must have added exactly the archive's messages after it.
const added = messages - 1;
if (added !== job.expected) throw new Error(`the catch-up stored ${String(added)} messages, expected ${String(job.expected)}`);
const online = marks.online ?? Number.NaN;
const since = (mark: number | undefined) => (mark ?? Number.NaN) - online;
report({
  online,
  firstReadable: since(marks.firstReadable),
  firstMessage: since(marks.firstMessage),
  done: since(marks.done),
  messages: added,
  pages: progressEvents - 1,
  conversations,
  ...memory,
});
