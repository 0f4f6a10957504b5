import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/ipc/contract.ts';
import { unexpectedErrorMessage } from '../../../shared/ipc/errors.ts';
import { ipcChannels } from '../../../shared/ipc/wire.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { bindIpc, type InvokeEvent } from '../../../electron/ipc/bind.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { FakeContents, FakeIpcMain } from './fake-electron.ts';

const snapshot: Snapshot = { version: '1', accounts: [], settings: defaultSettings, secretStorage: 'os-keychain', logFile: '/tmp/c.log' };

function setup() {
  const core = fakeCore();
  core.answers['app.snapshot'] = snapshot;
  const calls = core.calls;
  const contents = new FakeContents(7);
  const window: { contents: FakeContents | undefined } = { contents };
  const ipcMain = new FakeIpcMain();
  bindIpc(ipcMain, core, () => window.contents);
  const invoke = ipcMain.handlers.get(ipcChannels.invoke) as (event: InvokeEvent, name: unknown, payload: unknown) => Promise<unknown>;
  const file = ipcMain.handlers.get(ipcChannels.file) as (event: InvokeEvent, path: unknown) => Promise<unknown>;
  return { calls: () => calls.map((call) => call.name), emit: core.emit, contents, window, invoke, file, registered: core.registered };
}

const ownFrame = { url: 'app://causette/index.html', parent: null };
const forbidden = { ok: false, error: { code: 'forbidden-sender', message: 'This frame may not call Causette.' } };

describe('IPC binding', () => {
  it('dispatches a call from our window’s own top-level app:// frame', async () => {
    const { invoke, calls } = setup();
    await expect(invoke({ sender: { id: 7 }, senderFrame: ownFrame }, 'app.snapshot', {})).resolves.toEqual({ ok: true, value: snapshot });
    expect(calls()).toEqual(['app.snapshot']);
  });

  it('still validates the payload of a trusted call', async () => {
    const { invoke, calls } = setup();
    await expect(invoke({ sender: { id: 7 }, senderFrame: ownFrame }, 'app.snapshot', { extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls()).toEqual([]);
  });

  it('refuses an iframe, another origin, another window, a vanished frame, and any call when no window is open', async () => {
    const { invoke, calls, window } = setup();
    const refused: InvokeEvent[] = [
      { sender: { id: 7 }, senderFrame: { url: 'app://causette/index.html', parent: ownFrame } },
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'app://elsewhere/index.html', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'file:///home/me/index.html', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'about:blank', parent: null } },
      { sender: { id: 8 }, senderFrame: ownFrame },
      { sender: { id: 7 }, senderFrame: null },
    ];
    for (const event of refused) await expect(invoke(event, 'app.snapshot', {})).resolves.toEqual(forbidden);
    window.contents = undefined;
    await expect(invoke({ sender: { id: 7 }, senderFrame: ownFrame }, 'app.snapshot', {})).resolves.toEqual(forbidden);
    expect(calls()).toEqual([]);
  });

  it('registers a chosen file’s path from our own frame only, and only an absolute path', async () => {
    const { file, registered } = setup();
    await expect(file({ sender: { id: 7 }, senderFrame: ownFrame }, '/home/me/cat.png')).resolves.toEqual({ ok: true, value: { token: '6f1c4c1e-8f5e-4c39-9c55-3f1d8f0b2a10', name: 'cat.png', size: 3 } });
    await expect(file({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } }, '/home/me/.ssh/id_ed25519')).resolves.toEqual(forbidden);
    await expect(file({ sender: { id: 7 }, senderFrame: ownFrame }, 'relative/cat.png')).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(file({ sender: { id: 7 }, senderFrame: ownFrame }, 42)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(registered).toEqual([{ path: '/home/me/cat.png', name: undefined }]);
  });

  it('forwards core events to the window while it lives', () => {
    const { emit, contents } = setup();
    emit('account.removed', { accountId: 'a1' });
    contents.destroyed = true;
    emit('account.removed', { accountId: 'a2' });
    expect(contents.sent).toEqual([[ipcChannels.event, 'account.removed', { accountId: 'a1' }]]);
  });

  it('answers an unexpected error as internal with a generic message, its detail going to the core’s log', async () => {
    const core = fakeCore();
    const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    const logger = { ...silentLogger, error: (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields }) };
    core.answers['app.snapshot'] = () => {
      throw new RangeError('statement has been finalized: SELECT * FROM accounts');
    };
    const ipcMain = new FakeIpcMain();
    bindIpc(ipcMain, { ...core, logger }, () => new FakeContents(7));
    const invoke = ipcMain.handlers.get(ipcChannels.invoke) as (event: InvokeEvent, name: unknown, payload: unknown) => Promise<unknown>;
    await expect(invoke({ sender: { id: 7 }, senderFrame: ownFrame }, 'app.snapshot', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: unexpectedErrorMessage },
    });
    expect(lines).toEqual([
      {
        message: 'A command failed unexpectedly',
        fields: expect.objectContaining({ command: 'app.snapshot', error: 'RangeError: statement has been finalized: SELECT * FROM accounts' }) as object,
      },
    ]);
  });
});
