import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/ipc/dispatch.ts';
import { CausetteError, unexpectedErrorMessage } from '../../../shared/ipc/errors.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { silentLogger, type Logger } from '../../../electron/core/log/logger.ts';
import { fakeCore } from '../../support/fake-core.ts';

/** A logger keeping its error lines, the only level the dispatcher writes. */
function recordingLog(): { log: Logger; lines: { message: string; fields: Record<string, unknown> | undefined }[] } {
  const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  return { log: { ...silentLogger, error: (message, fields) => void lines.push({ message, fields }) }, lines };
}

describe('contract dispatch', () => {
  it('refuses an unknown command with a typed error and runs nothing', async () => {
    const core = fakeCore();
    const dispatch = createDispatcher(core.handlers, silentLogger);
    await expect(dispatch('account.explode', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-command', message: 'Unknown command: "account.explode"' },
    });
    await expect(dispatch({ toString: () => 'x' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    await expect(dispatch('__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    await expect(dispatch('toString', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a malformed payload before the handler sees it', async () => {
    const core = fakeCore();
    const dispatch = createDispatcher(core.handlers, silentLogger);
    const missing = await dispatch('account.add', { jid: 'alice@example.org' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const extra = await dispatch('account.add', { jid: 'alice@example.org', password: 'x', remember: false, admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const wrongType = await dispatch('settings.update', { debugLogging: 'everything' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('debugLogging') as string } });
    await expect(dispatch('presence.set', { show: 'sleeping' })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(dispatch('presence.set', { show: 'away', priority: 128 })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(dispatch('app.snapshot', null)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(core.calls).toEqual([]);
  });

  it('passes a valid request with its defaults to the handler', async () => {
    const core = fakeCore();
    const dispatch = createDispatcher(core.handlers, silentLogger);
    await dispatch('account.add', { jid: ' alice@example.org ', password: 'secret', remember: true });
    await dispatch('roster.add', { accountId: 'a1', jid: 'bob@example.org' });
    expect(core.calls).toEqual([
      { name: 'account.add', request: { jid: 'alice@example.org', password: 'secret', remember: true, tls: 'auto' } },
      { name: 'roster.add', request: { accountId: 'a1', jid: 'bob@example.org', groups: [] } },
    ]);
  });

  it('carries a handler error across intact, a deliberate internal one with its message, and logs neither', async () => {
    const core = fakeCore();
    const { log, lines } = recordingLog();
    core.answers['account.remove'] = () => {
      throw new CausetteError('not-found', 'There is no such account.');
    };
    core.answers['account.connect'] = () => {
      throw new CausetteError('internal', 'The archive ended a query without saying where it stopped.');
    };
    const dispatch = createDispatcher(core.handlers, log);
    await expect(dispatch('account.remove', { accountId: 'a', deleteHistory: false, forgetPassword: true })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no such account.' },
    });
    await expect(dispatch('account.connect', { accountId: 'a' })).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'The archive ended a query without saying where it stopped.' },
    });
    expect(lines).toEqual([]);
  });

  it('turns anything else into internal with a generic message, its detail and stack going to the log only', async () => {
    const core = fakeCore();
    const { log, lines } = recordingLog();
    core.answers['app.snapshot'] = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'peer') at /home/alice/.config/causette");
    };
    core.answers['chat.search'] = () => {
      // Not even an Error, as a dependency may throw.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'SQLITE_CORRUPT: database disk image is malformed';
    };
    const dispatch = createDispatcher(core.handlers, log);
    const generic = { ok: false, error: { code: 'internal', message: unexpectedErrorMessage } };
    await expect(dispatch('app.snapshot', {})).resolves.toEqual(generic);
    await expect(dispatch('chat.search', { query: 'secret words' })).resolves.toEqual(generic);
    expect(unexpectedErrorMessage).toBe('Something went wrong in Causette. The details are in the log.');
    expect(lines).toEqual([
      {
        message: 'A command failed unexpectedly',
        fields: {
          command: 'app.snapshot',
          error: "TypeError: Cannot read properties of undefined (reading 'peer') at /home/alice/.config/causette",
          stack: expect.stringMatching(/^TypeError: Cannot read properties[\s\S]*dispatch\.test\.ts/) as string,
        },
      },
      { message: 'A command failed unexpectedly', fields: { command: 'chat.search', error: 'SQLITE_CORRUPT: database disk image is malformed' } },
    ]);
    // The request (here a search for private words) stays out of the log.
    expect(JSON.stringify(lines)).not.toContain('secret words');
  });

  it('answers a valid call with its value', async () => {
    const core = fakeCore();
    core.answers['settings.update'] = (request: unknown) => ({ ...defaultSettings, ...(request as object) });
    const dispatch = createDispatcher(core.handlers, silentLogger);
    await expect(dispatch('settings.update', { debugLogging: 'full' })).resolves.toEqual({ ok: true, value: { ...defaultSettings, debugLogging: 'full' } });
  });
});
