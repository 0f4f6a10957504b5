// The raw copy's sending side, in its own process: a file streamed into one TCP connection to 127.0.0.1 with Node's
// default buffers (or a block of memory written again and again), nothing else: the physical ceiling on this machine.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { readJob, report } from '../../load-job.ts';
import { deadline, epochNow, type RawSendJob, type SideResult } from '../job.ts';
import { sampleRss } from '../rss.ts';

/** The memory copy's block: the size of a file read stream's default chunk. */
const BLOCK = 64 * 1024;

const job = readJob<RawSendJob>();
const failAfter = deadline('raw sender', job.timeoutMs);
const rss = sampleRss(job.size);
const hash = job.mode === 'disk-sha256' ? createHash('sha256') : undefined;
let bytes = 0;
const block = randomBytes(BLOCK);

const startedAt = epochNow();
const socket = connect({ host: '127.0.0.1', port: job.port });
await once(socket, 'connect');
if (job.mode === 'memory') {
  while (bytes < job.size) {
    const chunk = job.size - bytes >= BLOCK ? block : block.subarray(0, job.size - bytes);
    bytes += chunk.length;
    rss.moved(bytes);
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
  socket.end();
  await once(socket, 'finish');
} else {
  await pipeline(
    createReadStream(job.path),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        hash?.update(chunk);
        rss.moved(bytes);
        yield chunk;
      }
    },
    socket,
  );
}
const finishedAt = epochNow();
clearTimeout(failAfter);
if (bytes !== job.size) throw new Error(`the raw sender sent ${String(bytes)} bytes, expected ${String(job.size)}`);
const result: SideResult = { startedAt, finishedAt, bytes, ...(hash ? { sha256: hash.digest('hex') } : {}), rss: rss.stop() };
report(result);
