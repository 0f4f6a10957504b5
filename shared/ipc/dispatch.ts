// Validates an untrusted call against the contract and runs its handler; never throws.
import { commands, isCommandName, type Envelope, type Handlers } from './contract.ts';
import { CausetteError, toAppError } from './errors.ts';

export type Dispatch = (name: unknown, payload: unknown) => Promise<Envelope<unknown>>;

/** Where the detail of an unexpected error goes: the host's log (its Logger fits), never the renderer. */
export interface ErrorLog {
  error(message: string, fields: Record<string, unknown>): void;
}

export function createDispatcher(handlers: Handlers, log: ErrorLog): Dispatch {
  return async (name, payload) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'unknown-command', message: `Unknown command: ${describe(name)}` } };
    }
    const parsed = commands[name].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: { code: 'bad-request', message: `Invalid request for ${name}${where}: ${issue?.message ?? 'invalid'}` } };
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      // The request is not logged: it may hold a password or a message.
      if (!(error instanceof CausetteError)) log.error('A command failed unexpectedly', { command: name, ...errorDetail(error) });
      return { ok: false, error: toAppError(error) };
    }
  };
}

function errorDetail(error: unknown): { error: string; stack?: string } {
  if (!(error instanceof Error)) return { error: String(error) };
  return error.stack === undefined ? { error: `${error.name}: ${error.message}` } : { error: `${error.name}: ${error.message}`, stack: error.stack };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
}
