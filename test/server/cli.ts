// `npm run server`: a persistent local Prosody with alice, bob and carol, in the foreground until Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, parseServerCli, serverUsage, UsageError, type PortName, type ServerCliOptions } from './cli-options.ts';
import { isPortFree } from './ports.ts';
import { installHint, isProsodyInstalled, startProsody, type ProsodyServer, type ServerPorts } from './prosody.ts';

const usernames = ['alice', 'bob', 'carol'] as const;
type Passwords = Record<(typeof usernames)[number], string>;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Passwords from --password, else the ones kept from an earlier run, else new random ones (saved for next time). */
function passwords(options: ServerCliOptions): Passwords {
  const file = join(options.dataDir, 'users.json');
  let kept: Partial<Record<string, unknown>> = {};
  if (options.password === undefined && existsSync(file)) kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const pick = (name: string) => {
    const old = kept[name];
    return options.password ?? (typeof old === 'string' && old !== '' ? old : randomBytes(9).toString('base64url'));
  };
  const result: Passwords = { alice: pick('alice'), bob: pick('bob'), carol: pick('carol') };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  return result;
}

async function choosePorts(options: ServerCliOptions): Promise<Partial<ServerPorts>> {
  const chosen: Partial<Record<PortName, number>> = {};
  for (const name of Object.keys(defaultPorts) as PortName[]) {
    const { port, explicit } = options.ports[name];
    if (await isPortFree(port)) chosen[name] = port;
    else if (explicit) fail(`Port ${port} on 127.0.0.1 is already in use; choose another one.`);
  }
  return chosen; // the busy defaults are left out, so startProsody picks free ports for them
}

function describe(server: ProsodyServer, users: Passwords): string {
  const direct = server.c2sPort === defaultPorts.c2s && server.directTlsPort === defaultPorts.directTls;
  return [
    `Prosody is running for domain ${server.domain} on ${server.host} (pid ${server.pid}).`,
    '',
    `  STARTTLS client port   ${server.c2sPort}`,
    `  direct TLS port        ${server.directTlsPort}   (XEP-0368)`,
    `  HTTP file share        http://${server.host}:${server.httpPort}/   (upload.${server.domain}, XEP-0363)`,
    `  SOCKS5 proxy           ${server.host}:${server.proxy65Port}   (proxy.${server.domain}, XEP-0065)`,
    `  group chats            conference.${server.domain}`,
    '',
    'Accounts:',
    ...usernames.map((name) => `  ${`${name}@${server.domain}`.padEnd(18)} ${users[name]}`),
    '  (new accounts can also be created from the app: in-band registration is open)',
    '',
    `Certificate authority  ${server.caPath}`,
    `Server certificate     SHA-256 ${server.fingerprint256}`,
    `Data and log           ${server.dataDir}  (log: ${server.logPath})`,
    '',
    'Point Causette at it:',
    `  npm run web -- --ca ${server.caPath}`,
    direct
      ? `  then sign in as alice@${server.domain} (the standard ports are used, no server address needed).`
      : `  then sign in as alice@${server.domain} with server address ${server.host}, port ${server.c2sPort} (STARTTLS) or ${server.directTlsPort} (direct TLS).`,
    '',
    'Press Ctrl-C to stop the server.',
  ].join('\n');
}

async function main(): Promise<void> {
  let options: ServerCliOptions;
  try {
    options = parseServerCli(process.argv.slice(2), fileURLToPath(new URL('../..', import.meta.url)));
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    if (error.message === '') {
      process.stdout.write(`${serverUsage}\n`); // --help
      process.exit(0);
    }
    fail(`${error.message}\n${serverUsage}`);
  }
  if (!isProsodyInstalled()) fail(installHint);

  const users = passwords(options);
  let server: ProsodyServer;
  try {
    server = await startProsody({
      domain: 'localhost',
      dataDir: options.dataDir,
      ports: await choosePorts(options),
      users: usernames.map((username) => ({ username, password: users[username] })),
    });
  } catch (error) {
    fail(`The server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.stdout.write(`${describe(server, users)}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return void server.kill().finally(() => process.exit(1)); // a second Ctrl-C does not wait
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Prosody…\n`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`Could not stop Prosody cleanly: ${String(error)}`),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const watch = setInterval(() => {
    if (!stopping && !server.running) {
      clearInterval(watch);
      fail(`Prosody exited on its own; see ${server.logPath}`);
    }
  }, 500);
}

await main();
