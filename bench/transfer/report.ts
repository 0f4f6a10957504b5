// The transfer scenario's table: each Jingle method against the raw copy of the same file, the other ceilings, the
// throughput goals, and whether memory grows with the file (peak RSS once a quarter has passed against at the end).
import { fmt, median, renderGoals, renderTable, type Goal, type Row } from '../table.ts';
import type { JingleMethod, RawMode, SideResult } from './job.ts';

export interface Case {
  readonly key: string;
  readonly label: string;
  readonly size: number;
  readonly raw?: RawMode;
  readonly jingle?: JingleMethod;
  /** A Jingle case's baseline: the raw case of the same file. */
  readonly against?: string;
  /** A Jingle case's goal: at least this share of its baseline's throughput. */
  readonly goal?: number;
}

export interface Measured {
  /** 10⁶ bytes per second. */
  readonly mbps: number;
  readonly sender: SideResult;
  readonly receiver: SideResult;
}

/** Memory that does not grow with the file: the end's peak RSS at most this many times the peak at a quarter, */
const FLAT = 1.25;
/** and the heap kept after GC grown by at most 1 % of the bytes moved from the quarter to the end, or 4 MiB (GC noise). */
const heapAllowanceMiB = (size: number) => Math.max(4, (0.01 * 0.75 * size) / 1024 / 1024);

export const sizeText = (bytes: number): string => {
  const gib = bytes / 1024 ** 3;
  if (Number.isInteger(gib)) return `${String(gib)} GiB`;
  const mib = bytes / 1024 ** 2;
  return Number.isInteger(mib) ? `${String(mib)} MiB` : `${String(bytes)} bytes`;
};

const rate = (list: readonly Measured[]) => list.map((each) => Math.round(each.mbps * 10) / 10);
/** The set-up before the bytes flow: the Jingle offer, accept and candidates (XEP-0260 §2.3), or the raw connect. */
const firstByte = (list: readonly Measured[]) => list.map((each) => Math.round(each.receiver.startedAt - each.sender.startedAt));
const peak = (list: readonly Measured[], side: 'sender' | 'receiver') => list.map((each) => each[side].rss.peakMiB);

/** One line per side: the peak RSS at a quarter and at the end, the heap kept (after GC) likewise, and whether memory stayed flat. */
function growth(label: string, size: number, list: readonly Measured[] | undefined): string[] {
  const allowance = heapAllowanceMiB(size);
  return (['sender', 'receiver'] as const).map((side) => {
    const what = `check: ${label} ${side}'s memory does not grow with the file (peak RSS at the end ≤ ${FLAT.toFixed(2)}× the peak at 1/4, heap after GC ≤ +${fmt(allowance)} MiB)`;
    if (!list || list.length === 0) return `${what}: not measured`;
    const at = (key: keyof SideResult['rss']) => fmt(median(list.map((each) => each[side].rss[key])));
    const ratio = median(list.map((each) => each[side].rss.peakMiB / each[side].rss.peakAtQuarterMiB));
    const kept = median(list.map((each) => each[side].rss.heapAtEndMiB - each[side].rss.heapAtQuarterMiB));
    const figures = `RSS ${at('peakAtQuarterMiB')} → ${at('peakMiB')} MiB (${ratio.toFixed(2)}×), heap after GC ${at('heapAtQuarterMiB')} → ${at('heapAtEndMiB')} MiB (medians)`;
    return `${what}; measured ${figures}: ${ratio <= FLAT && kept <= allowance ? 'flat' : 'grows'}`;
  });
}

export function reportTransfers(runs: number, cases: readonly Case[], results: ReadonlyMap<string, readonly Measured[]>): string {
  const of = (key: string | undefined) => (key === undefined ? [] : (results.get(key) ?? []));
  const rows: Row[] = [];
  const goals: Goal[] = [];
  const checks: string[] = [];
  const missing: string[] = [];
  for (const each of cases.filter((candidate) => candidate.jingle !== undefined)) {
    const mine = of(each.key);
    const base = of(each.against);
    if (!results.has(each.key)) missing.push(`${each.label} (the bench cannot ask the cores for '${each.jingle ?? ''}': bench/transfer/methods.ts)`);
    const speed: Row = { metric: `${each.label}, ${sizeText(each.size)}: throughput`, unit: 'MB/s', causette: rate(mine), baseline: rate(base) };
    rows.push(
      speed,
      { metric: `  ${each.label}: start → first byte received`, unit: 'ms', causette: firstByte(mine), baseline: firstByte(base) },
      { metric: `  ${each.label}: receiver peak RSS`, unit: 'MiB', causette: peak(mine, 'receiver'), baseline: peak(base, 'receiver') },
      { metric: `  ${each.label}: sender peak RSS`, unit: 'MiB', causette: peak(mine, 'sender'), baseline: peak(base, 'sender') },
    );
    if (each.goal !== undefined) goals.push({ row: speed, min: each.goal });
    checks.push(...growth(each.label, each.size, results.get(each.key)));
  }
  for (const each of cases.filter((candidate) => candidate.raw !== undefined && candidate.raw !== 'disk')) {
    rows.push({ metric: `${each.label}, ${sizeText(each.size)}: throughput`, unit: 'MB/s', causette: [], baseline: rate(of(each.key)) });
  }
  return [
    `File transfer: Jingle (XEP-0234) between two Causette cores against a raw TCP copy of the same file, ${String(runs)} runs each, on 127.0.0.1`,
    '',
    renderTable(rows),
    renderGoals(goals),
    ...checks,
    ...(missing.length > 0 ? [`not measured: ${missing.join('; ')}`] : []),
    '',
    'Causette: alice’s and bob’s cores, each in its own process with a fresh profile, signed in to Prosody 0.12 (direct TLS,',
    '  SCRAM) with a mutual subscription; alice’s sends with transfer.send once bob is online, bob’s takes the offer with',
    '  transfer.accept into a fresh folder. The core streams the file from disk, hashes it (sha-256) at both ends, syncs it',
    '  and renames it once the hash matches; each side must report the method asked for. Direct: directTransfers on (the',
    '  loopback, 127.0.0.1); proxy: off (the server’s XEP-0065 proxy only); in-band: off, on a second Prosody without a proxy.',
    '  The goal is for direct SOCKS5 (issue 13); via the proxy, the server relays every byte (Prosody’s mod_proxy65) and sets the pace.',
    'baseline: the raw copy of the same file between two Node processes over one TCP connection on 127.0.0.1: a file read',
    '  stream piped into the socket, the socket piped into a file write stream synced before close (Node’s default buffers).',
    '  The ceilings below it copy memory to memory (nothing read or written), or hash at both ends as Jingle does.',
    'Throughput: the file’s bytes (10⁶ per MB) over the time from the sender’s start (its offer, or its connect) to the',
    '  receiver’s file complete and synced (Jingle: checked and renamed). Peak RSS: sampled every 20 ms in the process',
    '  moving the bytes, from the offer (or the connection) to its end; the heap after a full GC is read at 1/4 and at the end.',
  ].join('\n');
}
