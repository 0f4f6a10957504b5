// Command-line options of `npm run server`.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerCliOptions {
  readonly dataDir: string;
  readonly password: string | undefined;
  /** A port given on the command line must be free; a default one is replaced by a free port when busy. */
  readonly ports: { readonly [K in PortName]: { readonly port: number; readonly explicit: boolean } };
}

export type PortName = 'c2s' | 'directTls' | 'http' | 'proxy65';

export const defaultPorts: { readonly [K in PortName]: number } = { c2s: 5222, directTls: 5223, http: 5280, proxy65: 7777 };

export const serverUsage = `Usage: npm run server -- [--data DIR] [--password P] [--port N] [--tls-port N] [--http-port N] [--proxy-port N]
  --data DIR        where the server keeps its accounts, archives, certificates and log (default: .profile/server)
  --password P      the password of alice, bob and carol (default: random ones, kept in DIR/users.json)
  --port N          STARTTLS client port (default: 5222, or a free port when 5222 is busy)
  --tls-port N      direct TLS client port, XEP-0368 (default: 5223, or a free one)
  --http-port N     HTTP port for file sharing, XEP-0363 (default: 5280, or a free one)
  --proxy-port N    SOCKS5 proxy port for file transfer, XEP-0065 (default: 7777, or a free one)`;

export class UsageError extends Error {}

function portOption(value: string | undefined, flag: string, fallback: number) {
  if (value === undefined) return { port: fallback, explicit: false };
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${flag} must be a port number, not “${value}”.`);
  return { port, explicit: true };
}

export function parseServerCli(args: readonly string[], projectDir: string): ServerCliOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string' },
      password: { type: 'string' },
      port: { type: 'string' },
      'tls-port': { type: 'string' },
      'http-port': { type: 'string' },
      'proxy-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  if (values.password === '') throw new UsageError('--password must not be empty.');
  const ports = {
    c2s: portOption(values.port, '--port', defaultPorts.c2s),
    directTls: portOption(values['tls-port'], '--tls-port', defaultPorts.directTls),
    http: portOption(values['http-port'], '--http-port', defaultPorts.http),
    proxy65: portOption(values['proxy-port'], '--proxy-port', defaultPorts.proxy65),
  };
  const chosen = Object.values(ports).map((p) => p.port);
  if (new Set(chosen).size !== chosen.length) throw new UsageError(`each port must be different (got ${chosen.join(', ')}).`);
  return { dataDir: resolve(values.data ?? resolve(projectDir, '.profile/server')), password: values.password, ports };
}
