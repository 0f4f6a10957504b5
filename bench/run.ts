// `npm run bench [-- --runs N]`: Causette's benchmarks, each against a raw baseline in the same run.
import { parseArgs } from 'node:util';
import { isProsodyInstalled, installHint } from '../test/server/prosody.ts';
import { rosterPresence } from './roster-presence.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    contacts: { type: 'string', default: '5000' },
    online: { type: 'string', default: '2000' },
  },
});

function bounded(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer from ${String(min)} to ${String(max)}`);
  return value;
}

if (!isProsodyInstalled()) {
  process.stderr.write(`${installHint}\n`);
  process.exit(1);
}
const contacts = bounded('contacts', values.contacts, 1, 50_000);
const options = {
  runs: bounded('runs', values.runs, 1, 20),
  contacts,
  online: bounded('online', values.online, 0, contacts),
};
const started = Date.now();
const table = await rosterPresence(options, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`\n${table}\n\n(bench took ${String(Math.round((Date.now() - started) / 1000))} s)\n`);
