// Command-line options of `npm run web`.
import { parseArgs } from 'node:util';

export interface WebCliOptions {
  readonly port: number;
  readonly profile: string | undefined;
  readonly token: string | undefined;
  readonly open: boolean;
  readonly ca: readonly string[];
}

export const webUsage = `Usage: npm run web -- [--port N] [--profile DIR] [--token T] [--ca FILE]... [--no-open]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --profile DIR   where the store, logs and remembered passwords live (default: the desktop app's profile)
  --token T       the one-time token to require (default: a new random one)
  --ca FILE       also trust this certificate authority (PEM) for every account; may be repeated
  --no-open       print the address without opening the default browser`;

export function parseWebCli(args: readonly string[]): WebCliOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      profile: { type: 'string' },
      token: { type: 'string' },
      ca: { type: 'string', multiple: true },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not “${values.port}”.`);
  if (values.token !== undefined && !/^[A-Za-z0-9_-]{16,128}$/.test(values.token)) {
    throw new UsageError('--token must be 16 to 128 letters, digits, “-” or “_”.');
  }
  return { port, profile: values.profile, token: values.token, open: !values['no-open'], ca: values.ca ?? [] };
}

export class UsageError extends Error {}
