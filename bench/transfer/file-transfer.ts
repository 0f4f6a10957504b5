// Scenario (issue 13 point 10): a file sent by Jingle between two Causette cores, each in its own process signed in to
// Prosody on 127.0.0.1, against a raw TCP copy of the same file between two Node processes in the same run (the
// physical ceiling here): throughput, and the peak resident memory of the processes moving the bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from '../child.ts';
import { startTransferFixture, randomFile, type TransferFixture } from './fixture.ts';
import { type JingleMethod, type JingleReceiveJob, type JingleSendJob, type RawMode, type RawReceiveJob, type RawSendJob, type Ready, type SideResult } from './job.ts';
import { askable, methodChoice } from './methods.ts';
import { reportTransfers, type Case, type Measured } from './report.ts';

export interface FileTransferOptions {
  readonly runs: number;
  /** The large file: the raw copies and the SOCKS5 transfers (issue: 1 GiB). */
  readonly fileBytes: number;
  /** The in-band file (issue: 20 MiB). */
  readonly ibbBytes: number;
  /** Only the cases of these keys, and the baselines they are compared with; all of them when undefined. */
  readonly cases?: readonly string[] | undefined;
}

const script = (name: string) => fileURLToPath(new URL(`./clients/${name}.ts`, import.meta.url));

/** A child's deadline: a minute, plus the file at the slowest rate this method may still be measured at. */
const timeoutFor = (size: number, floorBytesPerSecond: number) => 60_000 + Math.ceil((size / floorBytesPerSecond) * 1000);

/** Runs the receiving child, then the sending one once the receiver says where to send; either failing ends the other. */
async function pair<J>(label: string, receiver: { script: string; job: { timeoutMs: number } }, sender: (ready: Ready['ready']) => { script: string; job: J & { timeoutMs: number } }): Promise<{ receiver: SideResult; sender: SideResult }> {
  const abort = new AbortController();
  let heard: (ready: Ready['ready']) => void = () => undefined;
  const ready = new Promise<Ready['ready']>((resolve) => (heard = resolve));
  const onLine = (line: string) => {
    const parsed = JSON.parse(line) as Partial<Ready>;
    if (parsed.ready) heard(parsed.ready);
  };
  const receiving = runChild<SideResult>(`${label} receiver`, receiver.script, receiver.job, { onLine, signal: abort.signal });
  try {
    const where = await Promise.race([ready, receiving.then(() => Promise.reject(new Error(`the ${label} receiver ended before it was ready`)))]);
    const next = sender(where);
    const sending = runChild<SideResult>(`${label} sender`, next.script, next.job, { signal: abort.signal });
    const [receiverResult, senderResult] = await Promise.all([receiving, sending]);
    return { receiver: receiverResult, sender: senderResult };
  } catch (error) {
    abort.abort();
    await receiving.catch(() => undefined);
    throw error;
  }
}

/** Megabytes (10⁶ bytes) per second, from the sender's start to the receiver's last byte synced and checked. */
const throughput = (size: number, result: { receiver: SideResult; sender: SideResult }) => size / 1e6 / ((result.receiver.finishedAt - result.sender.startedAt) / 1000);

async function rawCopy(fixture: TransferFixture, mode: RawMode, source: string, size: number): Promise<Measured> {
  const timeoutMs = timeoutFor(size, 5e6);
  const receive: RawReceiveJob = { mode, path: join(fixture.work, 'raw-copy.bin'), size, timeoutMs };
  const result = await pair('raw', { script: script('raw-receive'), job: receive }, (ready) => {
    if (!('port' in ready)) throw new Error('the raw receiver gave no port');
    const job: RawSendJob = { mode, path: source, size, port: ready.port, timeoutMs };
    return { script: script('raw-send'), job };
  });
  if (mode === 'disk-sha256' && (result.sender.sha256 === undefined || result.sender.sha256 !== result.receiver.sha256)) throw new Error('the raw copy arrived with another sha-256');
  return { mbps: throughput(size, result), ...result };
}

async function jingleTransfer(fixture: TransferFixture, method: JingleMethod, source: string, size: number): Promise<Measured> {
  const { server } = fixture;
  const timeoutMs = timeoutFor(size, method === 'in-band' ? 1e5 : 5e6);
  const common = { host: server.host, port: server.directTlsPort, caPem: server.caPem, method, size, timeoutMs };
  const folder = mkdtempSync(join(fixture.work, 'downloads-'));
  try {
    const receive: JingleReceiveJob = { ...common, account: fixture.bob, from: fixture.alice.jid, folder };
    const result = await pair(`jingle ${method}`, { script: script('jingle-receive'), job: receive }, (ready) => {
      if (!('jid' in ready)) throw new Error('the Jingle receiver gave no JID');
      const job: JingleSendJob = { ...common, account: fixture.alice, to: ready.jid, path: source };
      return { script: script('jingle-send'), job };
    });
    for (const [side, used] of [['sender', result.sender.method], ['receiver', result.receiver.method]] as const) {
      if (used !== method) throw new Error(`the ${method} transfer went ${String(used)} on the ${side}'s side`);
    }
    return { mbps: throughput(size, result), ...result };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function fileTransfer(options: FileTransferOptions, log: (line: string) => void): Promise<string> {
  const cases: Case[] = [
    { key: 'raw-disk', label: 'raw TCP copy, disk to disk', size: options.fileBytes, raw: 'disk' },
    { key: 'raw-memory', label: 'raw TCP copy, memory to memory', size: options.fileBytes, raw: 'memory' },
    { key: 'raw-sha256', label: 'raw TCP copy, disk to disk, sha-256 at both ends', size: options.fileBytes, raw: 'disk-sha256' },
    { key: 'direct', label: 'Jingle SOCKS5 direct', size: options.fileBytes, jingle: 'direct', against: 'raw-disk', goal: 0.8 },
    // Issue 13 sets the goal for direct SOCKS5; through the proxy the server relays every byte (Prosody's mod_proxy65, in Lua), and sets the pace.
    { key: 'proxy', label: 'Jingle SOCKS5 via proxy', size: options.fileBytes, jingle: 'proxy', against: 'raw-disk' },
    { key: 'raw-disk-small', label: 'raw TCP copy, disk to disk', size: options.ibbBytes, raw: 'disk' },
    { key: 'in-band', label: 'Jingle IBB', size: options.ibbBytes, jingle: 'in-band', against: 'raw-disk-small' },
  ];
  const asked = options.cases;
  const unknown = asked?.filter((key) => !cases.some((each) => each.key === key)) ?? [];
  if (unknown.length > 0) throw new Error(`--transfer-cases takes ${cases.map((each) => each.key).join(', ')}; not ${unknown.join(', ')}`);
  const chosen = asked === undefined ? cases : cases.filter((each) => asked.includes(each.key) || cases.some((other) => asked.includes(other.key) && other.against === each.key));
  const measured = chosen.filter((each) => each.jingle === undefined || askable(each.jingle));
  const fixture = await startTransferFixture(true);
  // In-band is what the cores fall back to on a server without a SOCKS5 proxy.
  const bare = measured.some((each) => each.jingle && methodChoice(each.jingle)?.proxy === false) ? await startTransferFixture(false).catch(async (error: unknown) => {
    await fixture.dispose();
    throw error;
  }) : undefined;
  try {
    const sources = new Map<number, string>();
    for (const size of new Set(measured.map((each) => each.size))) {
      const path = join(fixture.work, `file-${String(size)}.bin`);
      await randomFile(path, size);
      sources.set(size, path);
    }
    const results = new Map<string, Measured[]>(measured.map((each) => [each.key, []]));
    // Interleaved, one transfer at a time, so drift on the machine touches every case alike.
    for (let run = 1; run <= options.runs; run += 1) {
      for (const each of measured) {
        const source = sources.get(each.size) ?? '';
        const method = each.jingle ?? 'in-band';
        const server = methodChoice(method)?.proxy === false ? (bare ?? fixture) : fixture;
        const result = each.raw ? await rawCopy(fixture, each.raw, source, each.size) : await jingleTransfer(server, method, source, each.size);
        results.get(each.key)?.push(result);
        log(`transfer run ${String(run)}/${String(options.runs)} ${each.key.padEnd(14)} ${result.mbps.toFixed(1)} MB/s  first byte after ${String(Math.round(result.receiver.startedAt - result.sender.startedAt))} ms  sender ${JSON.stringify(result.sender.rss)}  receiver ${JSON.stringify(result.receiver.rss)}`);
      }
    }
    return reportTransfers(options.runs, chosen, results);
  } finally {
    await bare?.dispose();
    await fixture.dispose();
  }
}
