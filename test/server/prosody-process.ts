// One running `prosody` child: spawned, tracked by PID, waited for, ended; never left behind by a dying test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { loopback, sleep } from './ports.ts';

export interface ProsodyProcess {
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  readonly running: boolean;
  /** SIGTERM, wait up to `graceMs`, then SIGKILL. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
  /** What this process has written to the log file so far. */
  log(): string;
  /** The last lines of the log file and of the console output, for error messages. */
  tail(lines?: number): string;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

// A crashed run that still reaches 'exit' kills its servers here; a killed run is covered by the guard below.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
  });
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A shell that SIGKILLs `pid` when its stdin reaches EOF, which happens when this Node process dies in any way
 * (even SIGKILL). Disarmed by killing the shell first, so it never fires at a PID that has been reused.
 */
function spawnGuard(pid: number): () => void {
  const guard = spawn('sh', ['-c', 'read -r _; kill -KILL "$1" 2>/dev/null', 'causette-prosody-guard', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guard.unref();
  (guard.stdin as Socket | null)?.unref();
  return () => {
    if (guard.pid !== undefined && guard.exitCode === null && guard.signalCode === null) killQuietly(guard.pid, 'SIGKILL');
    guard.stdin?.destroy();
  };
}

function readTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readFrom(path: string, offset: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(Math.max(0, sizeOf(path) - offset));
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, offset)).toString();
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function spawnProsody(configPath: string, logPath: string): ProsodyProcess {
  installExitHook();
  const logOffset = sizeOf(logPath); // the log file is shared by every start of the same server
  // -F: stay in the foreground (the config's `daemonize` option is deprecated in 0.12 and logs a warning).
  const child = spawn('prosody', ['-F', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  child.on('error', (error) => (output += `\n${error.message}`)); // e.g. ENOENT, emitted after this returns
  if (child.pid === undefined) throw new Error('prosody did not start (is it installed?)');
  const pid = child.pid;
  live.add(child);
  const disarm = spawnGuard(pid);
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => {
      live.delete(child);
      disarm();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  const kill = async () => {
    if (running()) killQuietly(pid, 'SIGKILL');
    if ((await withTimeout(exited, 5000)) === 'timeout') throw new Error(`prosody ${pid} survived SIGKILL for 5 s`);
  };

  return {
    pid,
    exited,
    get running() {
      return running();
    },
    async stop(graceMs = 10_000) {
      if (running()) killQuietly(pid, 'SIGTERM');
      if ((await withTimeout(exited, graceMs)) === 'timeout') await kill();
    },
    kill,
    log: () => readFrom(logPath, logOffset),
    tail(lines = 30) {
      const log = readTail(logPath, lines);
      const out = output.trim().split('\n').slice(-lines).join('\n');
      return [log && `--- ${logPath} ---\n${log}`, out && `--- console ---\n${out}`].filter(Boolean).join('\n');
    },
  };
}

/**
 * Whether a c2s stream opened on `port` is answered with stream features, i.e. prosody's event loop runs.
 * The probe closes its stream and waits for the server's close: a session still open at a later SIGTERM
 * would make prosody's shutdown wait for it (about a second).
 */
function answersStream(port: number, domain: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: loopback, port });
    let received = '';
    let answered = false;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.once('connect', () =>
      socket.write(`<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`),
    );
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (!answered && received.includes('features')) {
        answered = true; // RFC 6120 §4.3.2
        socket.end('</stream:stream>'); // RFC 6120 §4.4: the server answers with its own close
      }
    });
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(answered);
    });
  });
}

export interface Listener {
  readonly service: string; // prosody's service name: c2s, c2s_direct_tls, http, proxy65
  readonly port: number;
}

/**
 * Waits (polling every 50 ms, at most `timeoutMs`) until the log of this start says every listener is bound and
 * the c2s port answers a stream, which prosody only does once its whole startup has run. Checking the log, not
 * just the port, keeps a stranger already listening there from passing for our server. Needs log level info.
 */
export async function waitUntilReady(server: ProsodyProcess, domain: string, listeners: readonly Listener[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const fail = (why: string) => new Error(`prosody ${why}\n${server.tail()}`);
  const c2s = listeners.find((l) => l.service === 'c2s');
  if (c2s === undefined) throw new Error('waitUntilReady needs the c2s listener');
  for (;;) {
    if (!server.running) throw fail(`exited during startup (${String(await server.exited)})`);
    const log = server.log();
    if (log.includes('Failed to open server port')) throw fail('could not bind one of its ports');
    const bound = listeners.every(({ service, port }) => log.includes(`Activated service '${service}' on [127.0.0.1]:${port}`));
    if (bound && (await answersStream(c2s.port, domain, 500))) return;
    if (Date.now() > deadline) throw fail(`was not ready within ${timeoutMs} ms`);
    await sleep(50);
  }
}
