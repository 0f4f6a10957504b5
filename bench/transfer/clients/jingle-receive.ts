// The receiving side of a Jingle transfer, in its own process: bob's core takes the one offer from alice into the folder
// given (transfer.accept), as a user who accepts it would; the core checks the size and the sha-256 (XEP-0234 §7
// checksum) before it renames the file and ends the session.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { readJob, report } from '../../load-job.ts';
import { deadline, epochNow, type JingleReceiveJob, type Ready, type SideResult } from '../job.ts';
import { sampleRss } from '../rss.ts';
import { coreSide, isOver, until } from './core-side.ts';

const job = readJob<JingleReceiveJob>();
const failAfter = deadline('jingle receiver', job.timeoutMs);
let offered: Transfer | undefined;
let startedAt = 0;
let finishedAt = 0;
let rss: ReturnType<typeof sampleRss> | undefined;
let finished: (transfer: Transfer) => void = () => undefined;
const over = new Promise<Transfer>((resolve) => (finished = resolve));
let accepted: (transfer: Transfer) => void = () => undefined;
const offer = new Promise<Transfer>((resolve) => (accepted = resolve));

const side = await coreSide(job, 'bench-receive', (transfer) => {
  if (offered === undefined && transfer.direction === 'in' && transfer.state === 'pending' && transfer.peer === job.from) {
    offered = transfer;
    rss = sampleRss(job.size);
    accepted(transfer);
  }
  if (transfer.id !== offered?.id) return;
  if (transfer.done > 0 && startedAt === 0) startedAt = epochNow();
  rss?.moved(transfer.done);
  if (!isOver(transfer)) return;
  finishedAt = epochNow();
  finished(transfer);
});
const ready: Ready = { ready: { jid: side.jid } };
process.stdout.write(`${JSON.stringify(ready)}\n`);

await side.core.handlers['transfer.accept']({ id: (await offer).id, folder: job.folder });
const transfer = await over;
const figures = rss?.stop();
// Signed in until the sender, told of the end by our session-terminate, has signed out.
const senderGone = async () => (await side.core.handlers['roster.snapshot']({ accountId: side.accountId })).contacts.find((contact) => contact.jid === job.from)?.show === 'offline';
await until(senderGone, 'the sender to sign out', 60_000);
await side.close();
clearTimeout(failAfter);
if (transfer.state !== 'done' || !figures) throw new Error(`the received transfer ended ${transfer.state}: ${JSON.stringify(transfer.error ?? {})}`);
const size = statSync(join(job.folder, transfer.name)).size;
if (size !== job.size) throw new Error(`the received file holds ${String(size)} bytes, expected ${String(job.size)}`);
const verified = side.notes.find((note) => note.message === 'a file was received')?.fields?.verified;
if (verified !== true) throw new Error('the received file was not checked against a sha-256');
const result: SideResult = { startedAt, finishedAt, bytes: size, method: transfer.method, rss: figures };
report(result);
