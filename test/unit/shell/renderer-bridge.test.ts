import { describe, expect, it } from 'vitest';
import type { CommandName, EventName } from '../../../shared/ipc/contract.ts';
import { ipcChannels } from '../../../shared/ipc/wire.ts';
import { createBridge } from '../../../electron/ipc/renderer-bridge.ts';
import { FakeIpcRenderer } from './fake-electron.ts';

describe('preload bridge', () => {
  it('passes a contract command to main and returns its envelope', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = { ok: true, value: { accountId: 'a1' } };
    await expect(createBridge(ipc, () => '').invoke('account.disconnect', { accountId: 'a1' })).resolves.toEqual(ipc.reply);
    expect(ipc.invocations).toEqual([[ipcChannels.invoke, 'account.disconnect', { accountId: 'a1' }]]);
  });

  it('refuses a name outside the contract with a typed envelope, without crossing IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, () => '');
    await expect(bridge.invoke('shell.exec' as CommandName, {})).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-command', message: 'Unknown command: "shell.exec"' },
    });
    await expect(bridge.invoke('__proto__' as CommandName, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(ipc.invocations).toEqual([]);
  });

  it('delivers only the named event’s payload, and stops when unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const received: unknown[] = [];
    const off = createBridge(ipc, () => '').on('account.removed', (payload) => received.push(payload));
    ipc.emit(ipcChannels.event, { sender: 'ipcRenderer' }, 'settings.updated', { theme: 'dark' });
    ipc.emit(ipcChannels.event, { sender: 'ipcRenderer' }, 'account.removed', { accountId: 'a1' });
    off();
    ipc.emit(ipcChannels.event, { sender: 'ipcRenderer' }, 'account.removed', { accountId: 'a2' });
    expect(received).toEqual([{ accountId: 'a1' }]);
    expect(ipc.listenerCount(ipcChannels.event)).toBe(0);
  });

  it('refuses to listen to an event outside the contract', () => {
    const ipc = new FakeIpcRenderer();
    expect(() => createBridge(ipc, () => '').on('debug.everything' as EventName, () => undefined)).toThrow('Unknown event: "debug.everything"');
    expect(ipc.listenerCount(ipcChannels.event)).toBe(0);
  });
});
