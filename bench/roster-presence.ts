// Scenario: a roster of 5,000 contacts, 2,000 of them online, loaded by Causette's core and by a raw @xmpp/client.
import { readFileSync } from 'node:fs';
import { runLoad, type Side } from './child.ts';
import { loadJobOf, startFixture, type FixtureSize } from './fixture.ts';
import type { LoadResult } from './load-job.ts';
import { serverIdle } from './server-idle.ts';
import { renderGoals, renderTable, type Row } from './table.ts';

export interface RosterPresenceOptions extends FixtureSize {
  readonly runs: number;
}

export async function rosterPresence(options: RosterPresenceOptions, log: (line: string) => void): Promise<string> {
  const fixture = await startFixture(options);
  const { server } = fixture;
  try {
    const job = loadJobOf(fixture, options, 60_000);
    // One unmeasured load per side first: Prosody loads modules and the roster store lazily on the first sign-in.
    // Each load starts once Prosody is idle: the session before it ends with its unavailable presence to every contact, and the
    // side that signs in faster (the core) would otherwise meet more of that work.
    const load = async (side: Side) => {
      await serverIdle(server.pid);
      return runLoad(side, job);
    };
    for (const side of ['baseline', 'causette'] as const) log(`warm-up  ${side.padEnd(8)} ${JSON.stringify(await load(side))}`);
    const results: Record<Side, LoadResult[]> = { causette: [], baseline: [] };
    // Interleaved, one at a time, so drift on the machine touches both sides alike.
    for (let run = 1; run <= options.runs; run += 1) {
      for (const side of ['baseline', 'causette'] as const) {
        const result = await load(side);
        results[side].push(result);
        log(`run ${String(run)}/${String(options.runs)} ${side.padEnd(8)} ${JSON.stringify(result)}`);
      }
    }
    const problems = readFileSync(server.logPath, 'utf8').split('\n').filter((line) => /\t(warn|error)\t/.test(line));
    for (const line of problems.slice(0, 5)) log(`prosody: ${line}`);
    return report(options, results);
  } finally {
    await server.dispose();
  }
}

function report(options: RosterPresenceOptions, results: Record<Side, LoadResult[]>): string {
  const c = results.causette;
  const b = results.baseline;
  const pick = (list: LoadResult[], key: keyof LoadResult) => list.map((result) => result[key] ?? Number.NaN);
  const ms = (value: number) => Math.round(value);
  const since = (list: LoadResult[], key: 'roster' | 'presence') => list.map((result) => ms(result[key] - result.online));
  const rosterRow: Row = { metric: `online → roster of ${String(options.contacts)}`, unit: 'ms', causette: since(c, 'roster'), baseline: since(b, 'roster') };
  const presenceRow: Row = { metric: `online → ${String(options.online)} contacts available`, unit: 'ms', causette: since(c, 'presence'), baseline: since(b, 'presence') };
  const rows: Row[] = [
    { metric: 'connect → online (resource bound)', unit: 'ms', causette: pick(c, 'online').map(ms), baseline: pick(b, 'online').map(ms) },
    { metric: `connect → roster of ${String(options.contacts)} (core: ready to render)`, unit: 'ms', causette: pick(c, 'roster').map(ms), baseline: pick(b, 'roster').map(ms) },
    { metric: `connect → ${String(options.online)} contacts available`, unit: 'ms', causette: pick(c, 'presence').map(ms), baseline: pick(b, 'presence').map(ms) },
    // The baseline's SCRAM runs 4,096 awaited WebCrypto HMACs (@xmpp/sasl-scram-sha-1), so its login is slow:
    // the same steps measured from 'online' compare the roster and presence work alone.
    rosterRow,
    presenceRow,
    { metric: 'connect → client names known (caps)', unit: 'ms', causette: pick(c, 'clientNames').map(ms), baseline: [] },
    { metric: "'roster.changed' events", unit: 'count', causette: pick(c, 'rosterEvents'), baseline: [] },
    { metric: 'heap used after load (after GC)', unit: 'MiB', causette: pick(c, 'heapUsedMiB'), baseline: pick(b, 'heapUsedMiB') },
    { metric: 'process RSS after load', unit: 'MiB', causette: pick(c, 'rssMiB'), baseline: pick(b, 'rssMiB') },
  ];
  return [
    `roster + presence: ${String(options.contacts)} contacts, ${String(options.online)} online, ${String(options.runs)} runs per side after one warm-up, Prosody on 127.0.0.1 (direct TLS, SCRAM)`,
    '',
    renderTable(rows),
    renderGoals([
      { row: rosterRow, max: 1.2 },
      { row: presenceRow, max: 1.0 },
    ]),
    '',
    'connect = the call that starts the connection (core: account.add; baseline: xmpp.start()); each run is a fresh Node process,',
    '  online = the resource bound (RFC 6120 §7), where xmpp.js says "online"; both then ask for the roster before XEP-0198 is enabled,',
    '  started once Prosody is idle (no CPU used for 200 ms) after the run before.',
    'Causette: its core in Node, no renderer, as an installed app runs it (events not checked against the contract, no stanza log):',
    '  "roster" is when the core has emitted all contacts (ready to render, not rendered);',
    '  it also persists the roster to SQLite, parses every presence into its model, batches events, and verifies XEP-0115 caps',
    '  with one disco#info. "available" = contacts whose roster.changed state is not offline.',
    'baseline: @xmpp/client 0.14 logs in, gets the roster, sends initial presence, counts available presences from contacts; nothing else.',
    '  Its login is slower than the core\'s because its SCRAM-SHA-1 computes PBKDF2 as 4,096 awaited WebCrypto HMAC calls;',
    '  the "online →" rows leave the login out.',
    'server: the contacts are a bench-only Prosody component (bench/prosody/mod_bench_presence.lua) that answers each probe',
    '  at once (available or unavailable), so times are a client-side lower bound with an instant remote side.',
  ].join('\n');
}
