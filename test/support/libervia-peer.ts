// Libervia (Debian's libervia-backend and libervia-cli, 0.9), an independent Jingle implementation: XEP-0234 file-transfer:5
// with XEP-0261 IBB and XEP-0260 SOCKS5, driven headless through its command line and its D-Bus bridge, on a private session bus. Every
// process it needs is started here and ended by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const python = '/usr/bin/python3';
const sendScript = fileURLToPath(new URL('../peer/libervia_send.py', import.meta.url));
export const liberviaHint = 'the Jingle interop tests need Debian’s libervia-backend and libervia-cli (apt-get install libervia-backend libervia-cli)';
export const liberviaInstalled = (): boolean => existsSync('/usr/bin/libervia-backend') && existsSync('/usr/bin/libervia-cli') && existsSync('/usr/bin/dbus-daemon');

export interface LiberviaPeer {
  /** The full JID it is signed in with. */
  readonly jid: string;
  /** Sends a file by Jingle and settles once the transfer is over; rejects on failure. `encrypted`: end to end (XEP-0391). */
  sendFile(path: string, to: string, timeoutMs?: number, options?: { readonly encrypted?: boolean }): Promise<void>;
  /** Accepts the files offered by `from` into `dir`, until `stop` (or the timeout). */
  receiveFiles(dir: string, from: string, timeoutMs?: number): { readonly stop: () => Promise<void> };
  /** Its log so far (what a failing test shows). */
  log(): string;
  stop(): Promise<void>;
  /** Sends a presence subscription request or answer (RFC 6121 §3) to `jid`, as its user does. */
  subscription(type: 'subscribe' | 'subscribed', jid: string): Promise<void>;
  /** Turns end-to-end encryption with `jid` on, by the namespace of its method (as its user does from a chat). */
  startEncryption(jid: string, namespace: string): Promise<void>;
}

async function waitFor(probe: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ended(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await ended(child);
  clearTimeout(killer);
}

/** `debugLog`: its log at debug level, where what it learns (a contact's OMEMO devices…) can be waited for. */
export async function startLiberviaPeer(options: { jid: string; password: string; host: string; port: number; debugLog?: boolean }): Promise<LiberviaPeer> {
  const home = mkdtempSync(join(tmpdir(), 'causette-libervia-'));
  const local = join(home, 'local');
  mkdirSync(local);
  mkdirSync(join(home, 'downloads'));
  writeFileSync(join(home, 'libervia.conf'), `[DEFAULT]\nlocal_dir = ${local}\ndownloads_dir = ${join(home, 'downloads')}\nbridge = dbus\n${options.debugLog ? 'log_level = debug\n' : ''}`);
  const bus = `unix:path=${join(home, 'bus')}`;
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'), DBUS_SESSION_BUS_ADDRESS: bus, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const own = (child: ChildProcess) => {
    children.push(child);
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    return child;
  };

  const stop = async () => {
    for (const child of children.splice(0).reverse()) await stopChild(child);
    rmSync(home, { recursive: true, force: true });
  };

  /** One libervia-cli command, bounded in time. */
  function cli(args: readonly string[], timeoutMs = 30_000): Promise<void> {
    return command(['/usr/bin/libervia-cli', ...args], timeoutMs).exited;
  }

  /** One Python program (libervia-cli or a script of ours talking to the backend), bounded in time. */
  function command(args: readonly string[], timeoutMs: number): { readonly child: ChildProcess; readonly exited: Promise<void> } {
    const child = own(spawn(python, args, { env, cwd: home }));
    const exited = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${args.join(' ')} timed out\n${output.join('').slice(-2000)}`));
      }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        children.splice(children.indexOf(child), 1);
        if (code === 0) resolve();
        else reject(new Error(`${args.join(' ')} exited with ${String(code)}\n${output.join('').slice(-2000)}`));
      });
    });
    return { child, exited };
  }

  try {
    own(spawn('/usr/bin/dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=${bus}`], { env, cwd: home }));
    await waitFor(() => existsSync(join(home, 'bus')), 'the D-Bus session bus', 10_000);
    own(spawn(python, ['/usr/bin/libervia-backend', 'fg'], { env, cwd: home }));
    const log = join(local, 'libervia.log');
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('Backend is ready'), 'the Libervia backend', 90_000);
    const profile = 'peer';
    await cli(['profile', 'create', '-j', options.jid, '-x', options.password, profile]);
    // A test server on loopback with its own CA: the peer connects there, without checking the certificate.
    await cli(['param', 'set', '-p', profile, 'Connection', 'Force server', options.host]);
    await cli(['param', 'set', '-p', profile, 'Connection', 'Force port', String(options.port)]);
    await cli(['param', 'set', '-p', profile, 'Connection', 'check_certificate', 'false']);
    // Its SOCKS5 candidates (XEP-0065) wait for the user to allow an external site to tell its address: a dialog nobody
    // answers here, so the offer (or the accept) would never go. Not allowed: its candidates are the local addresses.
    await cli(['param', 'set', '-p', profile, 'General', 'allow_get_ip', 'false']);
    await cli(['profile', 'connect', '-p', profile, '-c']);
    return {
      jid: options.jid,
      // Not `libervia-cli file send`, which misses the end of a quick transfer (see the script).
      sendFile: (path, to, timeoutMs = 60_000, { encrypted = false } = {}) => command([sendScript, profile, path, to, ...(encrypted ? ['--encrypted'] : [])], timeoutMs).exited,
      receiveFiles: (dir, from, timeoutMs = 60_000) => {
        const running = command(['/usr/bin/libervia-cli', 'file', 'receive', '-p', profile, '-m', '--path', dir, from], timeoutMs);
        running.exited.catch(() => undefined);
        return { stop: () => stopChild(running.child) };
      },
      log: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
      stop,
      subscription: (type, jid) => cli(['debug', 'bridge', 'method', '-p', profile, 'subscription', JSON.stringify(type), JSON.stringify(jid)]),
      startEncryption: (jid, namespace) => cli(['encryption', 'start', '-p', profile, '-N', namespace, jid]),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
