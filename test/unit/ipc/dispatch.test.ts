import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { createDispatcher } from '../../../shared/ipc/dispatch.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';

function handlers(calls: unknown[]): Handlers {
  const refuse = () => Promise.reject(new CausetteError('not-found', 'There is no such account.'));
  return {
    'app.snapshot': () => Promise.resolve({ version: '1', accounts: [], settings: defaultSettings, secretStorage: 'plain-file', logFile: '/tmp/x.log' }),
    'account.add': (request) => {
      calls.push(request);
      return refuse();
    },
    'account.register': refuse,
    'account.connect': refuse,
    'account.disconnect': refuse,
    'account.remove': refuse,
    'account.trustCertificate': refuse,
    'settings.update': (request) => Promise.resolve({ ...defaultSettings, ...request }),
  };
}

describe('contract dispatch', () => {
  it('refuses an unknown command with a typed error and runs nothing', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(handlers(calls));
    await expect(dispatch('account.explode', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-command', message: 'Unknown command: "account.explode"' },
    });
    await expect(dispatch({ toString: () => 'x' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    await expect(dispatch('__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(calls).toEqual([]);
  });

  it('refuses a malformed payload before the handler sees it', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(handlers(calls));
    const missing = await dispatch('account.add', { jid: 'alice@example.org' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const extra = await dispatch('account.add', { jid: 'alice@example.org', password: 'x', remember: false, admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const wrongType = await dispatch('settings.update', { debugLogging: 'everything' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('debugLogging') as string } });
    await expect(dispatch('app.snapshot', null)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it('passes a valid request with its defaults to the handler', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(handlers(calls));
    await dispatch('account.add', { jid: ' alice@example.org ', password: 'secret', remember: true });
    expect(calls).toEqual([{ jid: 'alice@example.org', password: 'secret', remember: true, tls: 'auto' }]);
  });

  it('carries a handler error across intact and turns a crash into an internal error', async () => {
    const dispatch = createDispatcher(handlers([]));
    await expect(dispatch('account.remove', { accountId: 'a' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no such account.' },
    });
    const crashing = createDispatcher({ ...handlers([]), 'app.snapshot': () => Promise.reject(new TypeError('boom')) });
    await expect(crashing('app.snapshot', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('answers a valid call with its value', async () => {
    const dispatch = createDispatcher(handlers([]));
    await expect(dispatch('settings.update', { debugLogging: 'full' })).resolves.toEqual({ ok: true, value: { debugLogging: 'full' } });
  });
});
