// Helpers shared by tests that drive a real connection: waiting for a state, and a logger that keeps what it is told.
import type { ConnectionState } from '../../shared/model/account.ts';
import type { Logger } from '../../electron/core/log/logger.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';

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
