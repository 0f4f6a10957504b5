// The logger the core writes to; the host decides where it goes (a rotating file, a test buffer).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A stanza crossing the wire, as XML text; redacted by the logger according to the debug setting. */
  stanza(direction: 'in' | 'out', account: string, xml: string): void;
  /** Whether stanza() keeps anything now; when false, callers need not turn stanzas into text. Absent means it does. */
  keepsStanzas?(): boolean;
  /** A logger whose lines carry these fields too. */
  child(fields: Record<string, unknown>): Logger;
}

/** A logger that keeps nothing, for pure code paths and tests that do not look at logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  stanza: () => undefined,
  keepsStanzas: () => false,
  child: () => silentLogger,
};
