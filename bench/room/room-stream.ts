// Scenario: a room of 2,000 occupants that then says 100 messages a second for 30 s (XEP-0045), joined by Causette's
// core and by a raw @xmpp/client that only joins and counts stanzas. The room is a bench-only Prosody component.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startProsody } from '../../test/server/prosody.ts';
import { runChild, type Side } from '../child.ts';
import { buildRenderer } from '../render/browser.ts';
import { renderGoals, renderTable, type Row } from '../table.ts';
import type { RoomJob, RoomResult } from './job.ts';
import { renderRun, type RenderRun } from './room-render.ts';

export interface RoomStreamOptions {
  readonly runs: number;
  readonly occupants: number;
  /** Messages a second, for `seconds`. */
  readonly rate: number;
  readonly seconds: number;
}

const scripts: Record<Side, string> = {
  causette: fileURLToPath(new URL('./clients/causette-room.ts', import.meta.url)),
  baseline: fileURLToPath(new URL('./clients/baseline-room.ts', import.meta.url)),
};

export async function roomStream(options: RoomStreamOptions, log: (line: string) => void): Promise<string> {
  const domain = 'localhost';
  const service = `rooms.${domain}`;
  const password = 'alice-bench-pw';
  const server = await startProsody({
    domain,
    users: [{ username: 'alice', password }],
    pluginPaths: [fileURLToPath(new URL('../prosody/', import.meta.url))],
    extraConfig: [
      `Component "${service}" "bench_room"`,
      `  bench_room_occupants = ${String(options.occupants)}`,
      `  bench_room_rate = ${String(options.rate)}`,
      `  bench_room_seconds = ${String(options.seconds)}`,
      '',
    ].join('\n'),
  });
  try {
    const results: Record<Side, RoomResult[]> = { causette: [], baseline: [] };
    // Interleaved, one at a time, each in a room of its own, so drift on the machine touches both sides alike.
    for (let run = 1; run <= options.runs; run += 1) {
      for (const side of ['baseline', 'causette'] as const) {
        const job: RoomJob = {
          host: server.host,
          port: server.directTlsPort,
          caPem: server.caPem,
          jid: `alice@${domain}`,
          password,
          room: `busy-${side}-${String(run)}@${service}`,
          occupants: options.occupants,
          messages: options.rate * options.seconds,
          timeoutMs: options.seconds * 1000 + 90_000,
        };
        const result = await runChild<RoomResult>(`${side} room`, scripts[side], job);
        results[side].push(result);
        log(`room run ${String(run)}/${String(options.runs)} ${side.padEnd(8)} ${JSON.stringify(result)}`);
      }
    }
    // The same room in the window, Causette only (the baseline has no interface).
    buildRenderer();
    const rendered: RenderRun[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const result = await renderRun(server, { jid: `alice@${domain}`, password, room: `busy-window-${String(run)}@${service}` }, { ...options, messages: options.rate * options.seconds });
      rendered.push(result);
      log(`room window run ${String(run)}/${String(options.runs)} ${JSON.stringify(result)}`);
    }
    const problems = readFileSync(server.logPath, 'utf8').split('\n').filter((line) => /\t(warn|error)\t/.test(line));
    for (const line of problems.slice(0, 5)) log(`prosody: ${line}`);
    return report(options, results, rendered);
  } finally {
    await server.dispose();
  }
}

function report(options: RoomStreamOptions, results: Record<Side, RoomResult[]>, rendered: readonly RenderRun[]): string {
  const c = results.causette;
  const b = results.baseline;
  const pick = (list: RoomResult[], key: keyof RoomResult) => list.map((result) => result[key] ?? Number.NaN);
  const messages = options.rate * options.seconds;
  const readyRow: Row = { metric: `join → ready (${String(options.occupants)} occupants known)`, unit: 'ms', causette: pick(c, 'ready'), baseline: pick(b, 'ready') };
  const streamRow: Row = { metric: `join → all ${String(messages)} messages handled`, unit: 'ms', causette: pick(c, 'streamDone'), baseline: pick(b, 'streamDone') };
  const heapRow: Row = { metric: 'heap used after the stream (after GC)', unit: 'MiB', causette: pick(c, 'heapUsedMiB'), baseline: pick(b, 'heapUsedMiB') };
  const rows: Row[] = [
    readyRow,
    streamRow,
    { metric: 'message sent by the room → handled (median)', unit: 'ms', causette: pick(c, 'lagMedian'), baseline: pick(b, 'lagMedian') },
    { metric: 'message sent by the room → handled (worst)', unit: 'ms', causette: pick(c, 'lagMax'), baseline: pick(b, 'lagMax') },
    { metric: 'CPU time, join to end of stream', unit: 'ms', causette: pick(c, 'cpuMs'), baseline: pick(b, 'cpuMs') },
    { metric: "'muc.occupants' events for the join", unit: 'count', causette: pick(c, 'occupantEvents'), baseline: [] },
    heapRow,
    { metric: 'process RSS after the stream', unit: 'MiB', causette: pick(c, 'rssMiB'), baseline: pick(b, 'rssMiB') },
    { metric: `window: Join → ${String(options.occupants)} occupants listed`, unit: 'ms', causette: rendered.map((run) => run.ready), baseline: [] },
    { metric: 'window: animation frames during the stream', unit: 'count', causette: rendered.map((run) => run.frames), baseline: [] },
    { metric: 'window: vsyncs without a frame (dropped)', unit: 'count', causette: rendered.map((run) => run.dropped), baseline: [] },
    { metric: 'window: frames over 33 ms', unit: 'count', causette: rendered.map((run) => run.over33), baseline: [] },
    { metric: 'window: occupant rows in the DOM', unit: 'count', causette: rendered.map((run) => run.occupantRows), baseline: [] },
  ];
  const droppedShare = rendered.map((run) => run.dropped / Math.max(1, run.frames + run.dropped));
  const worstShare = Math.max(...droppedShare);
  const allShown = rendered.every((run) => run.lastShown);
  return [
    `busy room: ${String(options.occupants)} occupants, then ${String(options.rate)} messages/s for ${String(options.seconds)} s; ${String(options.runs)} runs per side, Prosody on 127.0.0.1 (direct TLS)`,
    '',
    renderTable(rows),
    renderGoals([
      // The core asks the room's disco#info before joining (§6.4), which the baseline does not.
      { row: readyRow, max: 3 },
      // Keeping up: the stream is over for Causette about when it is for a client that does nothing with it.
      { row: streamRow, max: 1.1 },
      { row: heapRow, max: 3 },
    ]),
    `goal: window drops at most 5% of frames during the stream, every message shown; measured ${(worstShare * 100).toFixed(1)}% (worst run), ${allShown ? 'all shown' : 'last message not shown'}: ${worstShare <= 0.05 && allShown ? 'met' : 'missed'}`,
    '',
    'join = the join presence sent (baseline) or muc.join called (Causette), once signed in; each run is a fresh Node process.',
    'Causette: its core in Node, no renderer: "ready" is when muc.join has answered and every occupant has been emitted',
    '  as muc.occupants deltas; each message is parsed, stored in SQLite (full-text indexed) and emitted as chat.message.',
    'baseline: @xmpp/client 0.14 sends the join presence, counts occupants\' presences until its own (110), then',
    '  counts groupchat messages; nothing else.',
    'server: the room is a bench-only Prosody component (bench/prosody/mod_bench_room.lua) that answers a join with the',
    '  occupants at once, then sends the messages with their send time in the body (the lag is measured against it).',
    'window: the browser mode in headless Chromium (the e2e tests\' own), signed in by the UI, joins from the join dialog;',
    '  frames are counted with requestAnimationFrame over the rest of the stream once the occupant list is complete.',
  ].join('\n');
}
