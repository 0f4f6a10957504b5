import { defaultSettings } from '../../../shared/model/settings.ts';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/model/account.ts';
import type { Conversation } from '../../../shared/model/message.ts';
import { trackUnread, unreadOf } from '../../../electron/tray/unread-count.ts';
import { createTray } from '../../../electron/tray/tray.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { FakeMenu, fakeNativeImage, FakeNativeTheme, FakeTray } from './fake-electron.ts';
import { english } from './words-in.ts';

const account = (id: string): Account => ({ id, jid: `${id}@x`, tls: 'auto', passwordSaved: true, pinnedCertificates: [], connection: { status: 'offline' } });
const conversation = (peer: string, unread: number, muted = false): Conversation => ({ peer, unread, muted });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the unread count of the tray and badge', () => {
  it('leaves muted conversations out', () => {
    expect(unreadOf([conversation('a@x', 2), conversation('b@x', 5, true), conversation('c@x', 1)])).toBe(3);
  });

  it('starts from the conversations of every account, then follows chat.unreadTotal', async () => {
    const core = fakeCore();
    core.answers['chat.conversations'] = (request: unknown) =>
      (request as { accountId: string }).accountId === 'a1' ? [conversation('b@x', 2)] : [conversation('c@x', 1), conversation('d@x', 4, true)];
    const changes: number[] = [];
    const unread = trackUnread(core, [account('a1'), account('a2')], (count) => changes.push(count));
    await settle();
    expect(unread.count()).toBe(3);
    core.emit('chat.unreadTotal', { count: 0 });
    core.emit('chat.unreadTotal', { count: 0 });
    expect(changes).toEqual([3, 0]);
    unread.dispose();
    expect(core.listenerCount()).toBe(0);
  });

  it('a total from the core wins over a start-up sum that answers later', async () => {
    const core = fakeCore();
    core.answers['chat.conversations'] = [conversation('b@x', 7)];
    const unread = trackUnread(core, [account('a1')], () => undefined);
    core.emit('chat.unreadTotal', { count: 1 });
    await settle();
    expect(unread.count()).toBe(1);
  });

  it('the tray shows it in its menu and tooltip', () => {
    const core = fakeCore();
    let count = 0;
    const tray = createTray({
      electron: { Tray: FakeTray, Menu: FakeMenu, nativeImage: fakeNativeImage, nativeTheme: new FakeNativeTheme() },
      core,
      accounts: [],
      settings: defaultSettings,
      platform: 'linux',
      iconDir: '/icons',
      window: { isShown: () => false, show: () => undefined, toggle: () => undefined, editStatus: () => undefined },
      quit: () => undefined,
      unread: () => count,
      t: english,
      language: () => 'en',
    });
    const icon = FakeTray.last as FakeTray;
    expect(icon.tooltip).toBe('Causette — No account');
    count = 4;
    tray.refresh();
    expect(icon.tooltip).toBe('Causette — No account (4 unread)');
    expect((icon.menu as FakeMenu).labels()).toContain('Unread: 4');
    tray.destroy();
  });
});
