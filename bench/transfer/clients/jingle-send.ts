// The sending side of a Jingle transfer, in its own process: alice's core sends the file to bob (transfer.send) by the
// method asked for, once his device is online, and waits for him to end the session with success (XEP-0234 §2).
import { basename } from 'node:path';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { readJob, report } from '../../load-job.ts';
import { deadline, epochNow, type JingleSendJob, type SideResult } from '../job.ts';
import { methodChoice } from '../methods.ts';
import { sampleRss } from '../rss.ts';
import { coreSide, isOver, until } from './core-side.ts';

const job = readJob<JingleSendJob>();
const failAfter = deadline('jingle sender', job.timeoutMs);
let finishedAt = 0;
let finished: (transfer: Transfer) => void = () => undefined;
const over = new Promise<Transfer>((resolve) => (finished = resolve));
/** Sampled from the sign-in on (the receiver's from the offer, which comes after its sign-in). */
const rss = sampleRss(job.size);

// The only outgoing transfer in this process: its updates start inside transfer.send, before its id is known.
const side = await coreSide(job, 'bench-send', (transfer) => {
  if (transfer.direction !== 'out') return;
  rss.moved(transfer.done);
  if (!isOver(transfer)) return;
  finishedAt = epochNow();
  finished(transfer);
});
const { core, accountId } = side;
const peer = job.to.split('/')[0] ?? job.to;
// transfer.send offers the file to a device the core has seen online (presence) that advertises Jingle file transfer.
const bobOnline = async () => {
  const show = (await core.handlers['roster.snapshot']({ accountId })).contacts.find((contact) => contact.jid === peer)?.show;
  return show !== undefined && show !== 'offline';
};
await until(bobOnline, 'the receiver to be online', 30_000);
// The same transfer every run: encryption off for the conversation, or the file would go end to end encrypted (XEP-0391)
// once alice's core happens to know bob's OMEMO devices, and plain before.
await core.handlers['omemo.setEncryption']({ accountId, peer, on: false });
const { token } = await core.files.register(job.path, basename(job.path));
const choice = methodChoice(job.method);
if (!choice) throw new Error(`the bench cannot ask the core for a ${job.method} transfer`);
const startedAt = epochNow();
const sent = await core.handlers['transfer.send']({ accountId, peer, file: token, method: choice.method });
const transfer = await over;
const figures = rss.stop();
await side.close();
clearTimeout(failAfter);
if (transfer.id !== sent.id || transfer.state !== 'done') throw new Error(`the sent transfer ended ${transfer.state}: ${JSON.stringify(transfer.error ?? {})}`);
const result: SideResult = { startedAt, finishedAt, bytes: transfer.done, method: transfer.method, rss: figures };
report(result);
