// The baseline, in its own process: plain @xmpp/client signs alice in, joins the room (XEP-0045 §7.2.1), counts the
// occupants' presences until its own (110), then counts the room's messages. No storage, no occupant model.
import { performance } from 'node:perf_hooks';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { baselineClient } from '../../baseline-client.ts';
import { readJob, report, settledMemory } from '../../load-job.ts';
import { lags, sentAt, type RoomJob } from '../job.ts';

const job = readJob<RoomJob>();
const { xmpp, finished } = baselineClient(job, 'baseline room');
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';

const marks: { ready?: number; streamDone?: number } = {};
const lag = lags();
const nicks = new Set<string>();
let t0 = 0;
let cpu0 = process.cpuUsage();
let done: () => void = () => undefined;
const streamed = new Promise<void>((resolve) => (done = resolve));

xmpp.on('error', (error) => process.stderr.write(`baseline: ${error.message}\n`));
xmpp.on('stanza', (stanza: Element) => {
  const from = stanza.attrs.from ?? '';
  if (!from.startsWith(`${job.room}/`)) return;
  if (stanza.name === 'presence') {
    nicks.add(from);
    const self = stanza.getChild('x', NS_MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110');
    if (self && nicks.size > job.occupants) marks.ready ??= performance.now() - t0;
    return;
  }
  if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat') return;
  lag.add(sentAt(stanza.getChildText('body') ?? undefined));
  if (lag.count >= job.messages && marks.streamDone === undefined) {
    marks.streamDone = performance.now() - t0;
    done();
  }
});
xmpp.on('online', () => {
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  void xmpp.send(xml('presence', { to: `${job.room}/baseline` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('history', { maxstanzas: '0' }))));
});

await xmpp.start();
await streamed;
const cpu = process.cpuUsage(cpu0);
const memory = settledMemory();
await xmpp.stop();
finished();
report({ ready: marks.ready ?? Number.NaN, streamDone: marks.streamDone ?? Number.NaN, messages: lag.count, ...lag.summary(), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...memory });
