// Scenario: bob catches up on 10,000 archived messages from 50 peers (XEP-0313), with Causette's core and with a
// raw @xmpp/client that only pages through the same archive.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChild, type Side } from '../child.ts';
import { renderGoals, renderTable, type Row } from '../table.ts';
import { pageSize, startMamFixture, type MamFixtureSize } from './fixture.ts';
import type { MamJob, MamResult } from './job.ts';

export interface MamCatchUpOptions extends MamFixtureSize {
  readonly runs: number;
}

const scripts: Record<Side, string> = {
  causette: fileURLToPath(new URL('./clients/causette-catchup.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./clients/baseline-pager.ts', import.meta.url)),
};

export async function mamCatchUp(options: MamCatchUpOptions, log: (line: string) => void): Promise<string> {
  const fixture = await startMamFixture(options, log);
  const { server } = fixture;
  try {
    const job: MamJob = {
      host: server.host,
      port: server.directTlsPort,
      caPem: server.caPem,
      jid: fixture.jid,
      password: fixture.password,
      pageSize,
      cursor: fixture.cursor,
      markerBody: fixture.markerBody,
      expected: fixture.expected,
      timeoutMs: 240_000,
    };
    const results: Record<Side, MamResult[]> = { causette: [], baseline: [] };
    // Interleaved, one at a time, so drift on the machine touches both sides alike.
    for (let run = 1; run <= options.runs; run += 1) {
      for (const side of ['baseline', 'causette'] as const) {
        const result = await runChild<MamResult>(`${side} catch-up`, scripts[side], job);
        results[side].push(result);
        log(`mam run ${String(run)}/${String(options.runs)} ${side.padEnd(8)} ${JSON.stringify(result)}`);
      }
    }
    const problems = readFileSync(server.logPath, 'utf8').split('\n').filter((line) => /\t(warn|error)\t/.test(line));
    for (const line of problems.slice(0, 5)) log(`prosody: ${line}`);
    return report(options, fixture.expected, results);
  } finally {
    await server.dispose();
  }
}

const count = (value: number) => value.toLocaleString('en');

function report(options: MamCatchUpOptions, expected: number, results: Record<Side, MamResult[]>): string {
  const c = results.causette;
  const b = results.baseline;
  const pick = (list: MamResult[], key: keyof MamResult) => list.map((result) => Math.round(result[key] ?? Number.NaN));
  const rate = (list: MamResult[]) => list.map((result) => Math.round(result.messages / (result.done / 1000)));
  const memory = (list: MamResult[], key: 'heapUsedMiB' | 'rssMiB') => list.map((result) => result[key]);
  const readableRow: Row = { metric: 'online → first conversation readable', unit: 'ms', causette: pick(c, 'firstReadable'), baseline: pick(b, 'firstReadable') };
  const rows: Row[] = [
    { metric: 'connect → online (session bound)', unit: 'ms', causette: pick(c, 'online'), baseline: pick(b, 'online') },
    readableRow,
    { metric: "online → first 'chat.message' event", unit: 'ms', causette: pick(c, 'firstMessage'), baseline: [] },
    { metric: `online → all ${count(expected)} fetched (catch-up done)`, unit: 'ms', causette: pick(c, 'done'), baseline: pick(b, 'done') },
    { metric: 'messages per second (stored / counted)', unit: 'msg/s', causette: rate(c), baseline: rate(b) },
    { metric: 'messages in the store / counted', unit: 'count', causette: pick(c, 'messages'), baseline: pick(b, 'messages') },
    { metric: 'conversations in the store', unit: 'count', causette: pick(c, 'conversations'), baseline: [] },
    { metric: 'archive pages (Causette: chat.archiveSync progress events)', unit: 'count', causette: pick(c, 'pages'), baseline: pick(b, 'pages') },
    { metric: 'heap used when done (after GC)', unit: 'MiB', causette: memory(c, 'heapUsedMiB'), baseline: memory(b, 'heapUsedMiB') },
    { metric: 'process RSS when done', unit: 'MiB', causette: memory(c, 'rssMiB'), baseline: memory(b, 'rssMiB') },
  ];
  return [
    `MAM catch-up: ${count(expected)} archived messages from ${String(options.peers)} peers (${String(options.perPeer)} each), pages of ${String(pageSize)}, ` +
      `${String(options.runs)} runs per side, Prosody 0.12 on 127.0.0.1 (direct TLS, SCRAM, archive in mod_storage_memory)`,
    '',
    renderTable(rows),
    renderGoals([{ row: readableRow, max: 1.5 }]),
    '',
    `Both sides start from the same cursor: the archive id of a marker message sent just before the ${count(expected)} (as if bob had seen it last).`,
    'Causette: its core in Node with a fresh profile holding the account, the marker and that cursor, as an installed app runs it',
    '  (events not checked against the contract, no stanza log); it asks for the newest pages first',
    '  (XEP-0059 <before/>) down to the cursor. "readable" = the first chat.history answer with messages for a peer the core',
    '  announced (chat.message / chat.conversation), as opening that conversation would: a short page is first filled from the archive',
    '  (scroll-back, XEP-0313 with that peer) while the catch-up runs. "done" = chat.archiveSync back to idle.',
    '  It parses, de-duplicates (XEP-0359) and stores every message (SQLite, FTS5 index); the row count is checked equal to the archive.',
    'baseline: @xmpp/client 0.14 pages forwards with XEP-0059 <after/> and counts <result/> messages; "readable" = its first page answered.',
    'server: mod_offline is off, so the messages arrive only through the archive (no offline flood at sign-in); the archive is kept in',
    `  memory because Prosody's file store re-reads all ${count(expected)} items for every page (~1 s each), which would time Prosody, not the clients.`,
  ].join('\n');
}
