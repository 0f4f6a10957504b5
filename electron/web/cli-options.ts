// Command-line options of `npm run web`.
import { parseArgs } from 'node:util';

export interface WebCliOptions {
  readonly port: number;
  readonly profile: string | undefined;
  /** A file, readable only by the user, holding the token to require. */
  readonly tokenFile: string | undefined;
  readonly open: boolean;
  readonly ca: readonly string[];
  /** Where downloaded files go (default: Downloads in the home folder). */
  readonly downloads: string | undefined;
}

export const webUsage = `Usage: npm run web -- [--port N] [--profile DIR] [--token-file FILE] [--ca FILE]... [--downloads DIR] [--no-open]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --profile DIR   where the store, logs and remembered passwords live (default: the desktop app's profile)
  --token-file F  require the token in file F, readable only by you (default: a new random one each run)
  --ca FILE       also trust this certificate authority (PEM) for every account; may be repeated
  --downloads DIR save downloaded files in DIR (default: Downloads in your home folder)
  --no-open       print the address without opening the default browser`;

export function parseWebCli(args: readonly string[]): WebCliOptions {
  // Anything on a command line can be read by every user of the machine.
  if (args.some((arg) => arg === '--token' || arg.startsWith('--token='))) {
    throw new UsageError('--token is not accepted: other users could read it in the process list. Put the token in a file only you can read and pass --token-file FILE.');
  }
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      profile: { type: 'string' },
      'token-file': { type: 'string' },
      ca: { type: 'string', multiple: true },
      downloads: { type: 'string' },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not “${values.port}”.`);
  return { port, profile: values.profile, tokenFile: values['token-file'], open: !values['no-open'], ca: values.ca ?? [], downloads: values.downloads };
}

export class UsageError extends Error {}
