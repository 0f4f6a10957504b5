// One Causette run in its own process: a core with a fresh profile signs alice in and joins the busy room; times come
// from the core's events, as the renderer would get them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { Account } from '../../../shared/model/account.ts';
import { createCore } from '../../../electron/core/core.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { createFileSecretBox, plainSealer } from '../../../electron/core/secrets/secret-box.ts';
import { readJob, report, settledMemory } from '../../load-job.ts';
import { lags, sentAt, type RoomJob } from '../job.ts';

const job = readJob<RoomJob>();
const profile = mkdtempSync(join(tmpdir(), 'causette-bench-'));
const failAfter = setTimeout(() => {
  process.stderr.write(`causette room: not done within ${String(job.timeoutMs)} ms\n`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}, job.timeoutMs);

const core = await createCore({ profileDir: profile, secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer), version: 'bench', extraCa: [job.caPem], logger: silentLogger, checkEvents: false });

const marks: { ready?: number; streamDone?: number } = {};
const lag = lags();
const nicks = new Set<string>();
const seen = new Set<string>();
let occupantEvents = 0;
let joined = false;
let t0 = 0;
let online: () => void = () => undefined;
const isOnline = new Promise<void>((resolve) => (online = resolve));
let done: () => void = () => undefined;
const streamed = new Promise<void>((resolve) => (done = resolve));

const readyNow = () => {
  if (joined && nicks.size > job.occupants) marks.ready ??= performance.now() - t0;
};

core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
  if (name === 'account.updated') {
    const { connection } = payload as Account;
    if (connection.status === 'online') online();
    if (connection.status === 'offline' && connection.reason) process.stderr.write(`causette room: offline: ${JSON.stringify(connection.reason)}\n`);
  }
  if (name === 'muc.occupants') {
    const delta = payload as EventPayload<'muc.occupants'>;
    occupantEvents += 1;
    if (delta.reset) nicks.clear();
    for (const gone of [...delta.renamed.map((each) => each.from), ...delta.departed.map((each) => each.nick)]) nicks.delete(gone);
    for (const occupant of delta.upserts) nicks.add(occupant.nick);
    readyNow();
  }
  if (name !== 'chat.message') return;
  const { message } = payload as EventPayload<'chat.message'>;
  if (message.kind !== 'groupchat' || message.direction !== 'in' || seen.has(message.id)) return;
  seen.add(message.id);
  lag.add(sentAt(message.body));
  if (lag.count >= job.messages && marks.streamDone === undefined) {
    marks.streamDone = performance.now() - t0;
    done();
  }
});

const account = await core.handlers['account.add']({ jid: job.jid, password: job.password, remember: false, host: job.host, port: job.port, tls: 'direct' });
await isOnline;
t0 = performance.now();
const cpu0 = process.cpuUsage();
await core.handlers['muc.join']({ accountId: account.id, room: job.room, nick: 'causette' });
joined = true;
readyNow();
await streamed;
const cpu = process.cpuUsage(cpu0);
const memory = settledMemory();
await core.close();
clearTimeout(failAfter);
rmSync(profile, { recursive: true, force: true });
report({
  ready: marks.ready ?? Number.NaN,
  streamDone: marks.streamDone ?? Number.NaN,
  messages: lag.count,
  ...lag.summary(),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  occupantEvents,
  ...memory,
});
