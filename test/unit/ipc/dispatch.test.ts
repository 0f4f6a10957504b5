import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/ipc/dispatch.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { fakeCore } from '../../support/fake-core.ts';

describe('contract dispatch', () => {
  it('refuses an unknown command with a typed error and runs nothing', async () => {
    const core = fakeCore();
    const dispatch = createDispatcher(core.handlers);
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
    const dispatch = createDispatcher(core.handlers);
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
    const dispatch = createDispatcher(core.handlers);
    await dispatch('account.add', { jid: ' alice@example.org ', password: 'secret', remember: true });
    await dispatch('roster.add', { accountId: 'a1', jid: 'bob@example.org' });
    expect(core.calls).toEqual([
      { name: 'account.add', request: { jid: 'alice@example.org', password: 'secret', remember: true, tls: 'auto' } },
      { name: 'roster.add', request: { accountId: 'a1', jid: 'bob@example.org', groups: [] } },
    ]);
  });

  it('carries a handler error across intact and turns a crash into an internal error', async () => {
    const core = fakeCore();
    core.answers['account.remove'] = () => {
      throw new CausetteError('not-found', 'There is no such account.');
    };
    core.answers['app.snapshot'] = () => {
      throw new TypeError('boom');
    };
    const dispatch = createDispatcher(core.handlers);
    await expect(dispatch('account.remove', { accountId: 'a' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no such account.' },
    });
    await expect(dispatch('app.snapshot', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('answers a valid call with its value', async () => {
    const core = fakeCore();
    core.answers['settings.update'] = (request: unknown) => ({ ...defaultSettings, ...(request as object) });
    const dispatch = createDispatcher(core.handlers);
    await expect(dispatch('settings.update', { debugLogging: 'full' })).resolves.toEqual({ ok: true, value: { ...defaultSettings, debugLogging: 'full' } });
  });
});
