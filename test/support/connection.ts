// Helpers shared by tests that drive a real connection: waiting for a state, and a logger that keeps what it is told.
import type { ConnectionState } from '../../shared/model/account.ts';
import type { Logger } from '../../electron/core/log/logger.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createConnection, type Connection, type ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import type { ProsodyServer } from '../server/prosody.ts';

/** Resolves with the first state (current or next) that `accept` takes; rejects after timeoutMs. */
export function waitForState(connection: Connection, accept: (state: ConnectionState) => boolean, timeoutMs = 15_000): Promise<ConnectionState> {
  if (accept(connection.state)) return Promise.resolve(connection.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`state still ${JSON.stringify(connection.state)}`)), timeoutMs);
    const unsubscribe = connection.onState((state) => {
      if (!accept(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

/** `promise`, or a rejection naming `what` did not happen once timeoutMs have passed. */
export function withDeadline<T>(promise: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A logger that records its lines and stanzas for assertions. */
export function recordingLogger(): { logger: Logger; stanzas: string[]; lines: string[] } {
  const stanzas: string[] = [];
  const lines: string[] = [];
  const line = (message: string, fields?: Record<string, unknown>) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = {
    debug: line,
    info: line,
    warn: line,
    error: line,
    stanza: (direction, _account, xml) => void stanzas.push(`${direction} ${xml}`),
    child: () => logger,
  };
  return { logger, stanzas, lines };
}

/** A started connection to the harness server as `jid` (password `<local>-pw`), retrying quickly; the caller stops it. */
export function connectToHarness(server: ProsodyServer, jid: string, overrides: Partial<ConnectionOptions> = {}): Connection {
  const connection = createConnection({
    account: jid,
    jid,
    password: `${jid.slice(0, jid.indexOf('@'))}-pw`,
    host: server.host,
    port: server.c2sPort,
    tls: 'starttls',
    extraCa: [server.caPem],
    pinned: [],
    logger: silentLogger,
    retry: { baseMs: 200, capMs: 1_000 },
    ...overrides,
  });
  connection.start();
  return connection;
}
