// The baseline, in its own process: plain @xmpp/client signs bob in and pages forwards through his archive from the
// cursor (XEP-0313 §4 with XEP-0059 paging), counting messages. No parsing beyond the count, no storage.
import { performance } from 'node:perf_hooks';
import type { Element } from '@xmpp/xml';
import { baselineClient } from '../../baseline-client.ts';
import { readJob, report, settledMemory } from '../../load-job.ts';
import type { MamJob } from '../job.ts';
import { buildPageQuery, parseArchived, parseFin } from '../mam-query.ts';

const job = readJob<MamJob>();
const { xmpp, finished } = baselineClient(job, 'baseline pager');
xmpp.on('error', (error) => process.stderr.write(`baseline: ${error.message}\n`));

let queryId = '';
let counted = 0;
xmpp.on('stanza', (stanza: Element) => {
  if (parseArchived(stanza, queryId) !== undefined) counted += 1;
});

const onlineAt = new Promise<number>((resolve) => xmpp.on('online', () => resolve(performance.now())));
const t0 = performance.now();
await xmpp.start();
const online = await onlineAt;
let firstReadable = Number.NaN;
let after = job.cursor.id;
let pages = 0;
// Bounded: twice the pages the expected count needs, and the archive's own "complete" flag.
const maxPages = Math.ceil(job.expected / job.pageSize) * 2 + 2;
for (; pages < maxPages; ) {
  queryId = `q${String(pages)}`;
  const answer = await xmpp.iqCaller.request(buildPageQuery({ iqId: `mam-${String(pages)}`, queryId, max: job.pageSize, after }), 60_000);
  pages += 1;
  if (pages === 1) firstReadable = performance.now() - online;
  const end = parseFin(answer);
  if (end.complete || end.last === undefined) break;
  after = end.last;
}
const done = performance.now() - online;
const memory = settledMemory();
await xmpp.stop();
finished();
if (counted !== job.expected) throw new Error(`the baseline counted ${String(counted)} archived messages, expected ${String(job.expected)}`);
report({ online: online - t0, firstReadable, done, messages: counted, pages, ...memory });
