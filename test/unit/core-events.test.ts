// The core's outgoing events: delivered to every listener, and checked against the contract when the check is on.
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import { checkEventsByDefault, createCoreEvents, EventContractError } from '../../electron/core/core-events.ts';
import { silentLogger, type Logger } from '../../electron/core/log/logger.ts';

function setUp(check: boolean) {
  const errors: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = { ...silentLogger, error: (message, fields) => void errors.push({ message, fields }) };
  const raised: EventContractError[] = [];
  const events = createCoreEvents({ check, logger, raise: (error) => void raised.push(error) });
  const received: { name: EventName; payload: unknown }[][] = [[], []];
  for (const seen of received) events.onEvent((name, payload) => void seen.push({ name, payload }));
  return { events, errors, received, raised };
}

/** Emits what the types forbid, as a bug in the core would (a stale field, a wrong type). */
const emitUnchecked = (events: ReturnType<typeof setUp>['events'], name: string, payload: unknown) =>
  events.emit(name as EventName, payload as EventPayload<EventName>);

describe('core events', () => {
  it('delivers a payload that matches the contract to every listener', () => {
    const { events, received, errors } = setUp(true);
    events.emit('chat.unreadTotal', { count: 3 });
    events.emit('roster.changed', { accountId: 'a1', upserts: [], removed: ['bob@x'] });
    for (const seen of received) {
      expect(seen).toEqual([
        { name: 'chat.unreadTotal', payload: { count: 3 } },
        { name: 'roster.changed', payload: { accountId: 'a1', upserts: [], removed: ['bob@x'] } },
      ]);
    }
    expect(errors).toEqual([]);
  });

  it('refuses a payload that breaks the contract, loudly: thrown, raised beyond the emitter, logged, and sent to no listener', () => {
    const { events, received, errors, raised } = setUp(true);
    expect(() => emitUnchecked(events, 'chat.unreadTotal', { count: -1 })).toThrow(EventContractError);
    expect(() => emitUnchecked(events, 'roster.changed', { accountId: 'a1', upserts: [] })).toThrow(
      /^The event roster\.changed does not match the contract: removed: /,
    );
    expect(() => emitUnchecked(events, 'chat.deleteEverything', {})).toThrow(/"chat.deleteEverything" is not an event of the contract/);
    expect(received).toEqual([[], []]);
    expect(raised.map((error) => error.message)).toEqual([
      expect.stringMatching(/^The event chat\.unreadTotal does not match the contract: count: /) as string,
      expect.stringMatching(/^The event roster\.changed does not match the contract: removed: /) as string,
      expect.stringMatching(/^The event chat\.deleteEverything does not match the contract/) as string,
    ]);
    expect(errors.map((error) => [error.message, error.fields?.event])).toEqual([
      ['A core event does not match the contract', 'chat.unreadTotal'],
      ['A core event does not match the contract', 'roster.changed'],
      ['A core event does not match the contract', 'chat.deleteEverything'],
    ]);
    expect(errors[0]?.fields?.mismatch).toMatch(/^count: /);
  });

  it('delivers without a check when it is off, as in the installed app', () => {
    const { events, received, errors, raised } = setUp(false);
    emitUnchecked(events, 'chat.unreadTotal', { count: -1 });
    expect(received[0]).toEqual([{ name: 'chat.unreadTotal', payload: { count: -1 } }]);
    expect(errors).toEqual([]);
    expect(raised).toEqual([]);
  });

  it('stops delivering to a listener that unsubscribed', () => {
    const events = createCoreEvents({ check: true, logger: silentLogger, raise: () => undefined });
    const seen: unknown[] = [];
    const unsubscribe = events.onEvent((_name, payload) => void seen.push(payload));
    events.emit('chat.unreadTotal', { count: 1 });
    unsubscribe();
    events.emit('chat.unreadTotal', { count: 2 });
    expect(seen).toEqual([{ count: 1 }]);
  });

  it('checks by default everywhere but under NODE_ENV=production, so every test run checks', () => {
    expect(checkEventsByDefault({ NODE_ENV: 'test' })).toBe(true);
    expect(checkEventsByDefault({})).toBe(true);
    expect(checkEventsByDefault({ NODE_ENV: 'development' })).toBe(true);
    expect(checkEventsByDefault({ NODE_ENV: 'production' })).toBe(false);
    expect(checkEventsByDefault(process.env)).toBe(true);
  });
});

describe('a mismatch caught by the code that emitted it', () => {
  it('is raised again as an uncaught exception, so a test run or a development host cannot miss it', async () => {
    const events = createCoreEvents({ check: true, logger: silentLogger });
    // Vitest's own listener would report it as an unhandled error and fail the run: this test takes it first.
    const vitestListeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    let take: (error: unknown) => void = () => undefined;
    const uncaught = new Promise<unknown>((resolve, reject) => {
      take = resolve;
      setTimeout(() => reject(new Error('the mismatch was not raised as an uncaught exception within 2 s')), 2_000);
    });
    process.once('uncaughtException', take);
    try {
      try {
        emitUnchecked(events, 'chat.unreadTotal', { count: 'many' });
      } catch {
        // What a stanza listener that logs and goes on would do.
      }
      const error = await uncaught;
      expect(error).toBeInstanceOf(EventContractError);
      expect((error as Error).message).toMatch(/^The event chat\.unreadTotal does not match the contract: count: /);
    } finally {
      process.removeListener('uncaughtException', take);
      for (const listener of vitestListeners) process.on('uncaughtException', listener);
    }
  });
});
