// A rotating log file in the profile: causette.log, rotated to causette.1.log … when it grows past a limit.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DebugLogging } from '../../../shared/model/settings.ts';
import type { Logger, LogLevel } from './logger.ts';
import { redactStanza } from './redact.ts';

export interface FileLoggerOptions {
  readonly dir: string;
  readonly maxBytes?: number;
  readonly keep?: number;
  readonly level: () => DebugLogging;
}

export interface FileLogger extends Logger {
  readonly file: string;
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = join(options.dir, 'causette.log');
  let size = existsSync(file) ? statSync(file).size : 0;

  function rotate(): void {
    rmSync(join(options.dir, `causette.${keep}.log`), { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) {
      const from = join(options.dir, `causette.${index}.log`);
      if (existsSync(from)) renameSync(from, join(options.dir, `causette.${index + 1}.log`));
    }
    renameSync(file, join(options.dir, 'causette.1.log'));
    size = 0;
  }

  // Appends are small and synchronous so a crash never loses the line that explains it.
  function write(line: string): void {
    if (size + line.length > maxBytes && size > 0) rotate();
    appendFileSync(file, line, { mode: 0o600 });
    size += Buffer.byteLength(line);
  }

  function make(bound: Record<string, unknown>): FileLogger {
    const line = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
      if (level === 'debug' && options.level() === 'off') return;
      const extra = { ...bound, ...fields };
      const suffix = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
      write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${suffix}\n`);
    };
    return {
      file,
      debug: (message, fields) => line('debug', message, fields),
      info: (message, fields) => line('info', message, fields),
      warn: (message, fields) => line('warn', message, fields),
      error: (message, fields) => line('error', message, fields),
      stanza: (direction, account, xml) => {
        const text = redactStanza(xml, options.level());
        if (text !== undefined) write(`${new Date().toISOString()} ${direction === 'in' ? 'RECV' : 'SEND'} [${account}] ${text}\n`);
      },
      keepsStanzas: () => options.level() !== 'off',
      child: (fields) => make({ ...bound, ...fields }),
    };
  }

  return make({});
}
