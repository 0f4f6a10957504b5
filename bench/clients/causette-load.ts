// One Causette load in its own process: a core with a fresh profile signs alice in; times come from the core's events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { Account } from '../../shared/model/account.ts';
import type { Contact } from '../../shared/model/contact.ts';
import { createCore } from '../../electron/core/core.ts';
import { silentLogger, type Logger } from '../../electron/core/log/logger.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import { quiet, readJob, report, settledMemory } from '../load-job.ts';

const job = readJob();
const profile = mkdtempSync(join(tmpdir(), 'causette-bench-'));
const failAfter = setTimeout(() => {
  process.stderr.write(`causette load: not done within ${String(job.timeoutMs)} ms\n`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}, job.timeoutMs);

const contacts = new Map<string, Contact>();
const marks: { online?: number; roster?: number; presence?: number; clientNames?: number } = {};
let rosterEvents = 0;
let t0 = 0;

// "online" is the moment the baseline's @xmpp/client calls online: the resource is bound. The core says it online only
// once XEP-0198 is enabled, and asks for the roster before that; its connection logs the binding, which is read here.
const bindingLogger: Logger = {
  ...silentLogger,
  debug: (message) => {
    if (message === 'resource bound') marks.online ??= performance.now() - t0;
  },
  child: () => bindingLogger,
};
// As in an installed app (electron/main.ts): events are checked against the contract only when run from the project.
const core = await createCore({ profileDir: profile, secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer), version: 'bench', extraCa: [job.caPem], logger: bindingLogger, checkEvents: false });
const settle = quiet(500, 15_000);
let loaded: () => void = () => undefined;
const allLoaded = new Promise<void>((resolve) => (loaded = resolve));

const available = (contact: Contact) => contact.show !== 'offline';
const named = (contact: Contact) => contact.resources.length > 0 && contact.resources.every((resource) => resource.client?.name !== undefined);
const count = (test: (contact: Contact) => boolean) => [...contacts.values()].filter(test).length;

core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
  const now = performance.now() - t0;
  if (name === 'account.updated') {
    const { connection } = payload as Account;
    if (connection.status === 'offline' && connection.reason) process.stderr.write(`causette load: offline: ${JSON.stringify(connection.reason)}\n`);
  }
  if (name !== 'roster.changed') return;
  settle.poke();
  rosterEvents += 1;
  const delta = payload as EventPayload<'roster.changed'>;
  for (const contact of delta.upserts) contacts.set(contact.jid, contact);
  for (const jid of delta.removed) contacts.delete(jid);
  if (marks.roster === undefined && contacts.size >= job.contacts) marks.roster = now;
  if (marks.presence === undefined && count(available) >= job.online) marks.presence = now;
  if (marks.clientNames === undefined && count(named) >= job.online) marks.clientNames = now;
  if (marks.roster !== undefined && marks.presence !== undefined && marks.clientNames !== undefined) loaded();
});

t0 = performance.now();
await core.handlers['account.add']({ jid: job.jid, password: job.password, remember: false, host: job.host, port: job.port, tls: 'direct' });
await allLoaded;
await settle.settled;
const memory = settledMemory();
await core.close();
clearTimeout(failAfter);
rmSync(profile, { recursive: true, force: true });
report({
  online: marks.online ?? Number.NaN,
  roster: marks.roster ?? Number.NaN,
  presence: marks.presence ?? Number.NaN,
  clientNames: marks.clientNames ?? Number.NaN,
  rosterEvents,
  ...memory,
});
