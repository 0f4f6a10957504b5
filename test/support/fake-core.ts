// A stand-in core for tests of what sits around it (hosts, shell, dispatch): every contract command recorded, answers set per command, events emitted by hand.
import { commands, type CommandName, type EventName, type EventPayload, type Handlers } from '../../shared/ipc/contract.ts';
import type { Core, CoreEventListener } from '../../electron/core/core-api.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';

export interface FakeCore {
  readonly handlers: Handlers;
  readonly logger: typeof silentLogger;
  /** Each command call, in order, with its request. */
  readonly calls: { readonly name: CommandName; readonly request: unknown }[];
  /** What a command resolves to (null when unset); a function answer is called with the request. */
  readonly answers: Partial<Record<CommandName, unknown>>;
  onEvent(listener: CoreEventListener): () => void;
  /** Registers any path (a real core checks it is a file): what the shell hands over is recorded in `registered`. */
  readonly files: Core['files'];
  readonly registered: { readonly path: string; readonly name: string | undefined }[];
  readonly emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  readonly listenerCount: () => number;
}

export function fakeCore(): FakeCore {
  const calls: FakeCore['calls'] = [];
  const answers: FakeCore['answers'] = {};
  const listeners = new Set<CoreEventListener>();
  const registered: FakeCore['registered'] = [];
  const handler = (name: CommandName) => (request: unknown) => {
    calls.push({ name, request });
    const answer = answers[name];
    return typeof answer === 'function' ? Promise.resolve().then(() => (answer as (r: unknown) => unknown)(request)) : Promise.resolve(answer ?? null);
  };
  // Built from the contract's list, so a new command needs no change here.
  const handlers = Object.fromEntries(Object.keys(commands).map((name) => [name, handler(name as CommandName)])) as unknown as Handlers;
  return {
    handlers,
    logger: silentLogger,
    calls,
    answers,
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    listenerCount: () => listeners.size,
    registered,
    files: {
      register: (path, name) => {
        registered.push({ path, name });
        return Promise.resolve({ token: '6f1c4c1e-8f5e-4c39-9c55-3f1d8f0b2a10', path, name: name ?? path.split('/').at(-1) ?? path, size: 3 });
      },
    },
  };
}
