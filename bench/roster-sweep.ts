// Scenario: rosters of 1,000 to 50,000 contacts loaded by Causette's core and by a raw @xmpp/client, to show how the
// cost grows with the roster's size (per contact, and per contact added from one size to the next).
import { runLoad, type Side } from './child.ts';
import { loadJobOf, startFixture } from './fixture.ts';
import type { LoadResult } from './load-job.ts';
import { serverIdle } from './server-idle.ts';
import { fmt, median, renderGrid } from './table.ts';

export const sweepSizes = [1_000, 5_000, 20_000, 50_000] as const;

export interface RosterSweepOptions {
  /** Runs per side at 10,000 contacts and below; fewer at larger sizes, at least one. */
  readonly runs: number;
  /** Online contacts at every size: few, so that the roster, not presence, is what grows. */
  readonly online: number;
}

interface Size {
  readonly contacts: number;
  readonly runs: number;
  readonly causette: readonly number[];
  readonly baseline: readonly number[];
}

/** Fewer runs where one run takes long: the runs asked for up to 10,000 contacts, then in proportion. */
const runsAt = (contacts: number, runs: number) => Math.max(1, Math.round(runs * Math.min(1, 10_000 / contacts)));

async function measureSize(contacts: number, options: RosterSweepOptions, log: (line: string) => void): Promise<Size> {
  const online = Math.min(options.online, contacts);
  const fixture = await startFixture({ contacts, online });
  const { server } = fixture;
  try {
    const job = loadJobOf(fixture, { contacts, online }, 120_000);
    // One unmeasured load per side first: Prosody loads modules and the roster store lazily on the first sign-in.
    // Each load starts once Prosody is idle after the one before (see roster-presence.ts).
    const load = async (side: Side) => {
      await serverIdle(server.pid);
      return runLoad(side, job);
    };
    for (const side of ['baseline', 'causette'] as const) await load(side);
    const runs = runsAt(contacts, options.runs);
    const times: Record<Side, number[]> = { causette: [], baseline: [] };
    for (let run = 1; run <= runs; run += 1) {
      for (const side of ['baseline', 'causette'] as const) {
        const result: LoadResult = await load(side);
        times[side].push(Math.round(result.roster - result.online));
        log(`sweep ${String(contacts)} run ${String(run)}/${String(runs)} ${side.padEnd(8)} ${JSON.stringify(result)}`);
      }
    }
    return { contacts, runs, ...times };
  } finally {
    await server.dispose();
  }
}

/** Microseconds per contact, to one decimal. */
const perContact = (ms: number, contacts: number) => fmt(Math.round((ms * 10_000) / contacts) / 10);

export async function rosterSweep(options: RosterSweepOptions, log: (line: string) => void): Promise<string> {
  const sizes: Size[] = [];
  for (const contacts of sweepSizes) sizes.push(await measureSize(contacts, options, log));
  const body = sizes.map((size, i) => {
    const c = median(size.causette);
    const b = median(size.baseline);
    const previous = sizes[i - 1];
    // The slope from the previous size: constant when the cost grows linearly, whatever the fixed cost.
    const marginal = (now: number, before: number | undefined) =>
      previous === undefined || before === undefined ? '—' : perContact(now - before, size.contacts - previous.contacts);
    return [
      size.contacts.toLocaleString('en'),
      String(size.runs),
      fmt(c),
      fmt(b),
      b === 0 ? '—' : `${(c / b).toFixed(2)}×`,
      perContact(c, size.contacts),
      perContact(b, size.contacts),
      marginal(c, previous && median(previous.causette)),
      marginal(b, previous && median(previous.baseline)),
    ];
  });
  const header = [
    'contacts',
    'runs',
    'Causette med (ms)',
    'baseline med (ms)',
    'Causette ÷ baseline',
    'Causette µs/contact',
    'baseline µs/contact',
    'Causette µs/added contact',
    'baseline µs/added contact',
  ];
  return [
    `roster sweep: online → roster, ${sweepSizes.map((size) => size.toLocaleString('en')).join(', ')} contacts (${String(options.online)} of them online), ` +
      'medians after one warm-up per side and size, Prosody on 127.0.0.1 (direct TLS, SCRAM)',
    '',
    renderGrid(header, body),
    '',
    'Times are the "online → roster" of the roster scenario at each size. µs/contact = median ÷ contacts (includes fixed costs);',
    'µs/added contact = the growth from the size above ÷ the contacts added: about constant when the cost grows linearly.',
  ].join('\n');
}
