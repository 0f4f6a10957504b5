// The raw copy's receiving side, in its own process: one TCP connection on 127.0.0.1, its bytes written to a file and
// synced (or only counted, in memory), as the ceiling a Jingle receiver is compared with.
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { readJob, report } from '../../load-job.ts';
import { deadline, epochNow, type RawReceiveJob, type Ready, type SideResult } from '../job.ts';
import { sampleRss } from '../rss.ts';

const job = readJob<RawReceiveJob>();
const failAfter = deadline('raw receiver', job.timeoutMs, () => rmSync(job.path, { force: true }));

const server = createServer();
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('the raw receiver has no port');
const ready: Ready = { ready: { port: address.port } };
process.stdout.write(`${JSON.stringify(ready)}\n`);

const [socket] = (await once(server, 'connection')) as [Socket];
server.close();
const rss = sampleRss(job.size);
const hash = job.mode === 'disk-sha256' ? createHash('sha256') : undefined;
let bytes = 0;
let startedAt = 0;
/** Counts (and hashes) the bytes on their way, and tells the sampler how far the copy is. */
async function* tap(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    if (bytes === 0) startedAt = epochNow();
    bytes += chunk.length;
    hash?.update(chunk);
    rss.moved(bytes);
    yield chunk;
  }
}

if (job.mode === 'memory') {
  // Counted by tap(); nothing is kept.
  await pipeline(socket, tap, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) void chunk;
  });
} else {
  // flush: the file is synced before it is closed, as the Jingle receiver syncs before its hash check and rename.
  const file = createWriteStream(job.path, { flags: 'wx', flush: true });
  await pipeline(socket, tap, file);
  if (!file.closed) await once(file, 'close');
}
const finishedAt = epochNow();
const figures = rss.stop();
if (job.mode !== 'memory') rmSync(job.path, { force: true });
clearTimeout(failAfter);
if (bytes !== job.size) throw new Error(`the raw receiver got ${String(bytes)} bytes, expected ${String(job.size)}`);
const result: SideResult = { startedAt, finishedAt, bytes, ...(hash ? { sha256: hash.digest('hex') } : {}), rss: figures };
report(result);
