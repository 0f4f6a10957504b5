// The baseline, in its own process: plain @xmpp/client signs alice in, gets the roster (RFC 6121 §2.2),
// sends initial presence (§4.2) and counts contacts' available presences. No storage, no caps, no roster model.
import { performance } from 'node:perf_hooks';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { baselineClient } from '../baseline-client.ts';
import { quiet, readJob, report, settledMemory } from '../load-job.ts';

const job = readJob();
const { xmpp, finished } = baselineClient(job, 'baseline load');

const marks: { online?: number; roster?: number; presence?: number } = {};
const settle = quiet(500, 15_000);
const availableFrom = new Set<string>();
let loaded: () => void = () => undefined;
const allLoaded = new Promise<void>((resolve) => (loaded = resolve));
let t0 = 0;
let items = 0;

xmpp.on('error', (error) => process.stderr.write(`baseline: ${error.message}\n`));
xmpp.on('stanza', (stanza: Element) => {
  if (stanza.name !== 'presence') return;
  settle.poke();
  const from = stanza.attrs.from ?? '';
  const bare = from.split('/')[0] ?? '';
  if (stanza.attrs.type !== undefined || !bare.endsWith(`@${job.contactDomain}`)) return;
  availableFrom.add(bare);
  if (marks.presence === undefined && availableFrom.size >= job.online) {
    marks.presence = performance.now() - t0;
    loaded();
  }
});
xmpp.on('online', () => {
  marks.online = performance.now() - t0;
  void (async () => {
    const query = await xmpp.iqCaller.get(xml('query', { xmlns: 'jabber:iq:roster' }), undefined, 30_000);
    items = query.getChildren('item').length;
    marks.roster = performance.now() - t0;
    await xmpp.send(xml('presence'));
  })().catch((error: unknown) => process.stderr.write(`baseline: ${String(error)}\n`));
});

t0 = performance.now();
await xmpp.start();
await allLoaded;
await settle.settled;
const memory = settledMemory();
await xmpp.stop();
finished();
if (items < job.contacts) throw new Error(`the roster had ${String(items)} items, expected ${String(job.contacts)}`);
report({ online: marks.online ?? Number.NaN, roster: marks.roster ?? Number.NaN, presence: marks.presence ?? Number.NaN, ...memory });
