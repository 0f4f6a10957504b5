// Profanity (Debian's `profanity`, a console XMPP client with OMEMO 0.3) driven in a detached tmux session, for interop
// tests: its own HOME and XDG dirs in a temp dir (config, OMEMO keys, logs), commands typed into it, its screen read back.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const profanityBin = '/usr/bin/profanity';
const tmuxBin = '/usr/bin/tmux';
export const profanityHint = 'the Profanity interop test needs Debian’s profanity and tmux (sudo apt-get install profanity tmux)';

export interface ProfanityOptions {
  readonly jid: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
}

export interface Profanity {
  readonly jid: string;
  /** Its HOME, under which XDG_CONFIG_HOME and XDG_DATA_HOME live. */
  readonly home: string;
  /** The PID of the profanity process in the tmux pane. */
  readonly pid: number;
  /** Signs in with the account written before start (server, port and TLS policy in it), and waits for it. */
  connect(): Promise<void>;
  /** Types one line (a command or a message) into the current window, then Enter. */
  type(line: string): Promise<void>;
  /** The pane's text, scrollback included. */
  screen(): Promise<string>;
  /** Polls the screen until `probe` finds something, for at most timeoutMs. */
  waitForScreen<T>(probe: (screen: string) => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /** Its own log file (XDG_DATA_HOME/profanity/logs/profanity.log), for failure messages. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

function installed(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs: number, detail: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${await detail()}`);
    await sleep(100);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM, then SIGKILL when still there after 5 s. */
async function end(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await poll(() => Promise.resolve(!alive(pid)), `process ${pid} to exit`, 5_000, () => Promise.resolve('')).catch(() => {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
}

/** Starts Profanity signed out in a tmux session of its own; `connect()` and the OMEMO commands follow. */
export async function startProfanity(options: ProfanityOptions): Promise<Profanity> {
  if (!installed(profanityBin) || !installed(tmuxBin)) throw new Error(profanityHint);
  const home = await mkdtemp(join(tmpdir(), 'causette-profanity-'));
  const socket = join(home, 'tmux.sock');
  const session = 'profanity';
  const tmux = (...args: string[]) => run(tmuxBin, ['-S', socket, ...args], { encoding: 'utf8' });

  const dataDir = join(home, 'data', 'profanity');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // The account with its password and server, so that /connect asks nothing; `tls.policy=trust` accepts the harness certificate.
  const account = [`[${options.jid}]`, 'enabled=true', `jid=${options.jid}`, `password=${options.password}`, `server=${options.host}`, `port=${options.port}`, 'tls.policy=trust', 'resource=profanity', ''].join('\n');
  await writeFile(join(dataDir, 'accounts'), account, { mode: 0o600 });

  const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  const envArgs = Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
  // Its own tmux server (socket in the temp dir), with scrollback enough for the whole conversation.
  const tmuxConf = join(home, 'tmux.conf');
  await writeFile(tmuxConf, 'set-option -g history-limit 10000\n');
  await tmux('-f', tmuxConf, 'new-session', '-d', '-s', session, '-x', '220', '-y', '50', ...envArgs, profanityBin);
  const pid = Number((await tmux('display-message', '-p', '-t', session, '#{pane_pid}')).stdout.trim());
  const tmuxPid = Number((await tmux('display-message', '-p', '-t', session, '#{pid}')).stdout.trim());

  const screen = async () => (await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session)).stdout;
  const log = async () => readFile(join(dataDir, 'logs', 'profanity.log'), 'utf8').catch(() => '(no profanity.log)');
  const detail = async () => `--- profanity screen ---\n${await screen().catch(() => '(no screen)')}\n--- profanity.log ---\n${await log()}`;
  const waitForScreen = <T>(probe: (text: string) => T | undefined | false, what: string, timeoutMs = 15_000) =>
    poll(async () => probe(await screen()), what, timeoutMs, detail);
  const type = async (line: string) => {
    await tmux('send-keys', '-t', session, '-l', line);
    await tmux('send-keys', '-t', session, 'Enter');
  };

  const connect = async () => {
    await type(`/connect ${options.jid}`);
    await waitForScreen((text) => text.includes(`${options.jid}/profanity logged in successfully`), `${options.jid} signed in from Profanity`);
  };

  const stop = async () => {
    await end(pid);
    await tmux('kill-session', '-t', session).catch(() => undefined);
    await end(tmuxPid);
    await rm(home, { recursive: true, force: true });
  };

  try {
    await waitForScreen((text) => text.includes('Type /help'), 'Profanity’s welcome screen');
  } catch (error) {
    await stop();
    throw error;
  }

  return { jid: options.jid, home, pid, type, screen, waitForScreen, log, stop, connect };
}
