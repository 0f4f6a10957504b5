// A real Prosody 0.12 for tests: own data dir, certificates, loopback ports, config, pidfile and log per server.
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { registerAccount } from './accounts.ts';
import { ensureCertificateAuthority, issueLeafCertificate, type CertificateKind, type LeafCertificate } from './certificates.ts';
import { renderConfig, serverPaths, type LogLevel, type ServerPorts } from './config.ts';
import { freePorts } from './ports.ts';
import { spawnProsody, waitUntilReady, type ProsodyProcess } from './prosody-process.ts';

export type { CertificateKind, LogLevel, ServerPorts };

export interface ProsodyOptions {
  domain?: string; // default 'localhost'
  certificate?: CertificateKind; // default 'ca-signed'
  users?: ReadonlyArray<{ username: string; password: string }>;
  allowRegistration?: boolean; // default true
  dataDir?: string; // default: a fresh mkdtemp dir; created when missing
  /** Fixed ports (the CLI asks for 5222…); any left out is a free one. */
  ports?: Partial<ServerPorts>;
  /** The one SCRAM hash 0.12's internal_hashed stores, hence offers: default 'SHA-1'. */
  passwordHash?: 'SHA-1' | 'SHA-256';
  logLevel?: LogLevel; // default 'info' ('debug' logs every stanza)
  pluginPaths?: readonly string[];
  extraConfig?: string;
  /** Modules enabled besides the usual ones, e.g. ['test_invisible'] with pluginPaths [testModules]. */
  extraModules?: readonly string[];
  /** Usual modules left out, e.g. ['bookmarks'] for a server without XEP-0402 (XEP-0048 in private storage only). */
  withoutModules?: readonly string[];
  /** No XEP-0065 proxy component: a server that offers no SOCKS5 streamhost (Jingle falls back to in-band). */
  withoutProxy?: boolean;
  /** Caps TLS at 1.2 (where 0.12 offers SCRAM-*-PLUS); default: TLS 1.2 and up. */
  tlsMax?: '1.2';
  /** The upload service shares https URLs (the leaf certificate names the domain: use it with 'localhost'). */
  httpsUploads?: boolean;
}

export interface ProsodyServer {
  readonly domain: string;
  readonly host: '127.0.0.1';
  readonly c2sPort: number; // RFC 6120 STARTTLS c2s
  readonly directTlsPort: number; // XEP-0368 direct TLS c2s
  readonly httpPort: number; // XEP-0363 file share (plain http)
  readonly httpsPort: number; // the same over TLS, with the server's certificate
  readonly proxy65Port: number; // XEP-0065 streamhost of proxy.<domain>
  readonly caPem: string;
  readonly caPath: string;
  readonly certificatePem: string;
  readonly fingerprint256: string;
  readonly dataDir: string;
  readonly logPath: string;
  readonly pid: number; // of the current (or last) prosody process
  readonly running: boolean;
  createUser(username: string, password: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  kill(): Promise<void>;
  replaceCertificate(kind: CertificateKind): Promise<void>;
  dispose(): Promise<void>;
}

export const installHint =
  'Prosody is not installed. The test server needs the prosody and prosodyctl commands (Prosody 0.12): ' +
  'install them with `sudo apt-get install prosody` on Debian/Ubuntu or `brew install prosody` on macOS, then run this again.';

/** Whether `prosody` and `prosodyctl` are on the PATH. */
export function isProsodyInstalled(): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found = (name: string) =>
    dirs.some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return found('prosody') && found('prosodyctl');
}

// Temp data dirs this module made and has not disposed of yet: removed if the test process exits without dispose().
const tempDirs = new Set<string>();
let cleanupInstalled = false;
async function makeTempDir(): Promise<string> {
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  }
  const dir = await mkdtemp(join(tmpdir(), 'causette-prosody-'));
  tempDirs.add(dir);
  return dir;
}
async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  if (!isProsodyInstalled()) throw new Error(installHint);
  const domain = options.domain ?? 'localhost';
  const dataDir = options.dataDir ?? (await makeTempDir());
  const paths = serverPaths(dataDir);
  let child: ProsodyProcess | undefined;
  let lastPid = 0;
  const halt = async (how: 'stop' | 'kill') => {
    if (child) await (how === 'stop' ? child.stop() : child.kill());
  };
  try {
    return await setUp();
  } catch (error) {
    await halt('kill');
    if (options.dataDir === undefined) await removeDir(dataDir);
    throw error;
  }

  async function setUp(): Promise<ProsodyServer> {
    await mkdir(paths.certs, { recursive: true, mode: 0o700 });
    const ca = await ensureCertificateAuthority(paths.certs);
    let leaf: LeafCertificate = await issueLeafCertificate(paths.certs, domain, options.certificate ?? 'ca-signed', ca);
    const fixed = options.ports ?? {};
    const choosePorts = async (): Promise<ServerPorts> => {
      const [c2s = 0, directTls = 0, http = 0, proxy65 = 0, https = 0] = await freePorts(5);
      return { c2s: fixed.c2s ?? c2s, directTls: fixed.directTls ?? directTls, http: fixed.http ?? http, proxy65: fixed.proxy65 ?? proxy65, https: fixed.https ?? https };
    };
    let ports = await choosePorts();
    let listeners: { service: string; port: number }[] = [];
    const writeConfig = async (): Promise<void> => {
      const config = renderConfig({
        domain,
        dataDir,
        ports,
        allowRegistration: options.allowRegistration ?? true,
        passwordHash: options.passwordHash ?? 'SHA-1',
        logLevel: options.logLevel ?? 'info',
        ...(options.pluginPaths ? { pluginPaths: options.pluginPaths } : {}),
        ...(options.extraConfig ? { extraConfig: options.extraConfig } : {}),
        ...(options.extraModules ? { extraModules: options.extraModules } : {}),
        ...(options.withoutModules ? { withoutModules: options.withoutModules } : {}),
        ...(options.withoutProxy ? { withoutProxy: true } : {}),
        ...(options.tlsMax ? { tlsMax: options.tlsMax } : {}),
        ...(options.httpsUploads ? { httpsUploads: true } : {}),
      });
      // Written whole and renamed: prosodyctl may be reading it for the accounts meanwhile.
      await writeFile(`${paths.config}.new`, config);
      await rename(`${paths.config}.new`, paths.config);
      listeners = [
        { service: 'c2s', port: ports.c2s },
        { service: 'c2s_direct_tls', port: ports.directTls },
        { service: 'http', port: ports.http },
        { service: 'https', port: ports.https },
        ...(options.withoutProxy ? [] : [{ service: 'proxy65', port: ports.proxy65 }]),
      ];
    };
    await writeConfig();

    const launch = async () => {
      if (child?.running) return;
      child = spawnProsody(paths.config, paths.log);
      lastPid = child.pid;
      try {
        await waitUntilReady(child, domain, listeners);
      } catch (error) {
        await child.kill();
        throw error;
      }
    };
    // Lifecycle calls run one after another, so a stop() racing a start() cannot leave a stray process.
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(task: () => Promise<T>): Promise<T> => {
      const next = queue.then(task);
      queue = next.catch(() => undefined);
      return next;
    };
    const createUser = (username: string, password: string) => registerAccount(paths.config, domain, username, password);
    // A free port can be taken by another process between the choice and Prosody's bind: the first start then tries
    // fresh ports, a bounded number of times.
    const firstLaunch = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await launch();
        } catch (error) {
          const clash = error instanceof Error && error.message.includes('could not bind');
          if (!clash || attempt === 3 || options.ports !== undefined) throw error;
          ports = await choosePorts();
          await writeConfig();
        }
      }
    };
    await Promise.all([serial(firstLaunch), ...(options.users ?? []).map((u) => createUser(u.username, u.password))]);

    return {
      domain,
      host: '127.0.0.1',
      c2sPort: ports.c2s,
      directTlsPort: ports.directTls,
      httpPort: ports.http,
      httpsPort: ports.https,
      proxy65Port: ports.proxy65,
      caPem: ca.pem,
      caPath: ca.certPath,
      get certificatePem() {
        return leaf.pem;
      },
      get fingerprint256() {
        return leaf.fingerprint256;
      },
      dataDir,
      logPath: paths.log,
      get pid() {
        return lastPid;
      },
      get running() {
        return child?.running ?? false;
      },
      createUser,
      stop: () => serial(() => halt('stop')),
      start: () => serial(launch),
      kill: () => serial(() => halt('kill')),
      replaceCertificate: (kind) =>
        serial(async () => {
          const wasRunning = child?.running ?? false;
          await halt('stop');
          leaf = await issueLeafCertificate(paths.certs, domain, kind, ca);
          if (wasRunning) await launch();
        }),
      dispose: () =>
        serial(async () => {
          await halt('stop');
          await removeDir(dataDir);
        }),
    };
  }
}
