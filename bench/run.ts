// `npm run bench [-- --only roster,roster-sweep,mam,render,omemo,room,transfer --runs N --transfer-cases direct …]`: Causette's benchmarks, each against a baseline in the same run.
import { parseArgs } from 'node:util';
import { isProsodyInstalled, installHint } from '../test/server/prosody.ts';
import { mamCatchUp } from './mam/mam-catchup.ts';
import { omemoCrypto } from './omemo/omemo-crypto.ts';
import { rendering } from './render/rendering.ts';
import { roomStream } from './room/room-stream.ts';
import { rosterPresence } from './roster-presence.ts';
import { rosterSweep } from './roster-sweep.ts';
import { fileTransfer } from './transfer/file-transfer.ts';

const scenarios = ['roster', 'roster-sweep', 'mam', 'render', 'omemo', 'room', 'transfer'] as const;
type Scenario = (typeof scenarios)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    runs: { type: 'string' },
    contacts: { type: 'string', default: '5000' },
    online: { type: 'string', default: '2000' },
    'sweep-online': { type: 'string', default: '100' },
    peers: { type: 'string', default: '50' },
    'per-peer': { type: 'string', default: '200' },
    stored: { type: 'string', default: '100000' },
    scroll: { type: 'string', default: '2000' },
    messages: { type: 'string', default: '1000' },
    occupants: { type: 'string', default: '2000' },
    'room-rate': { type: 'string', default: '100' },
    'room-seconds': { type: 'string', default: '30' },
    /** The transfer scenario's sizes in MiB: the raw copies' and SOCKS5's file (issue 13: 1 GiB), and the in-band one. */
    'transfer-mib': { type: 'string', default: '1024' },
    'ibb-mib': { type: 'string', default: '20' },
    /** Only these of the transfer scenario's cases (with their baselines), e.g. `direct`: for profiling one method. */
    'transfer-cases': { type: 'string' },
  },
});

function bounded(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer from ${String(min)} to ${String(max)}`);
  return value;
}

function chosen(): Scenario[] {
  const names = (values.only ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  const unknown = names.filter((name) => !(scenarios as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only takes ${scenarios.join(', ')}; not ${unknown.join(', ')}`);
  return names.length === 0 ? [...scenarios] : scenarios.filter((name) => names.includes(name));
}

const only = chosen();
// The render scenario needs Chromium, and the OMEMO one nothing, not Prosody.
if (only.some((name) => name !== 'render' && name !== 'omemo') && !isProsodyInstalled()) {
  process.stderr.write(`${installHint}\n`);
  process.exit(1);
}
/** Runs per side: --runs, or each scenario's default (the chat ones take longer per run). */
const runs = (fallback: number) => bounded('runs', values.runs ?? String(fallback), 1, 20);
const contacts = bounded('contacts', values.contacts, 1, 50_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const tables: string[] = [];
for (const scenario of only) {
  if (scenario === 'roster') {
    tables.push(await rosterPresence({ runs: runs(5), contacts, online: bounded('online', values.online, 0, contacts) }, log));
  }
  if (scenario === 'roster-sweep') {
    tables.push(await rosterSweep({ runs: runs(3), online: bounded('sweep-online', values['sweep-online'], 1, 1_000) }, log));
  }
  if (scenario === 'mam') {
    const options = {
      runs: runs(3),
      peers: bounded('peers', values.peers, 1, 500),
      perPeer: bounded('per-peer', values['per-peer'], 1, 2_000),
    };
    tables.push(await mamCatchUp(options, log));
  }
  if (scenario === 'render') {
    tables.push(await rendering({ runs: runs(2), stored: bounded('stored', values.stored, 100, 1_000_000), scroll: bounded('scroll', values.scroll, 10, 20_000) }, log));
  }
  if (scenario === 'omemo') {
    tables.push(await omemoCrypto({ runs: runs(3), messages: bounded('messages', values.messages, 10, 100_000) }, log));
  }
  if (scenario === 'room') {
    const options = {
      runs: runs(2),
      occupants: bounded('occupants', values.occupants, 1, 20_000),
      rate: bounded('room-rate', values['room-rate'], 1, 1_000),
      seconds: bounded('room-seconds', values['room-seconds'], 1, 300),
    };
    tables.push(await roomStream(options, log));
  }
  if (scenario === 'transfer') {
    const mib = 1024 * 1024;
    const options = { runs: runs(3), fileBytes: bounded('transfer-mib', values['transfer-mib'], 1, 8_192) * mib, ibbBytes: bounded('ibb-mib', values['ibb-mib'], 1, 1_024) * mib, cases: values['transfer-cases']?.split(',').map((name) => name.trim()) };
    tables.push(await fileTransfer(options, log));
  }
}
process.stdout.write(`\n${tables.join('\n\n')}\n\n(bench took ${String(Math.round((Date.now() - started) / 1000))} s)\n`);
