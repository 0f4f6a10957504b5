import { defaultSettings, type Settings } from '../../../shared/model/settings.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../shared/model/account.ts';
import type { RosterSnapshot } from '../../../shared/ipc/contract.ts';
import type { Translate } from '../../../electron/i18n/words.ts';
import { createTray, toMenuTemplate, trayIconPath, type TrayWindow } from '../../../electron/tray/tray.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { FakeMenu, fakeNativeImage, FakeNativeTheme, FakeTray } from './fake-electron.ts';
import { english, wordsIn } from './words-in.ts';

const account = (id: string, status: 'online' | 'offline' = 'offline'): Account => ({
  id,
  jid: `${id}@example.org`,
  tls: 'auto',
  passwordSaved: true,
  pinnedCertificates: [],
  connection: status === 'online' ? { status, jid: `${id}@example.org/causette`, resumed: false } : { status },
});

const rosterOf = (show: 'online' | 'dnd', recentStatuses: string[] = []): RosterSnapshot => ({
  contacts: [],
  requests: [],
  presence: { show, status: '', priority: 0 },
  recentStatuses,
  invisibility: 'unavailable',
});

interface SetupOptions {
  readonly platform?: NodeJS.Platform;
  readonly language?: string;
  readonly settings?: Settings;
}

function setup(accounts: Account[] = [account('a1', 'online')], iconDir = '/app/assets/tray', t: Translate = english, options: SetupOptions = {}) {
  const { platform = 'linux', language = 'en', settings = defaultSettings } = options;
  const core = fakeCore();
  core.answers['roster.snapshot'] = rosterOf('online');
  const nativeTheme = new FakeNativeTheme();
  const window = { shown: true, toggles: 0, shows: 0, edits: 0 };
  const windowControl: TrayWindow = {
    isShown: () => window.shown,
    show: () => void window.shows++,
    toggle: () => void window.toggles++,
    editStatus: () => void window.edits++,
  };
  const quit = vi.fn();
  const tray = createTray({ electron: { Tray: FakeTray, Menu: FakeMenu, nativeImage: fakeNativeImage, nativeTheme }, core, accounts, settings, platform, iconDir, window: windowControl, quit, t, language: () => language });
  const icon = FakeTray.last as FakeTray;
  const menu = () => icon.menu as FakeMenu;
  return { core, nativeTheme, window, quit, tray, icon, menu };
}

const ownChanged = (accountId: string, show: 'online' | 'away' | 'dnd', recentStatuses: string[] = []) =>
  ({ accountId, presence: { show, status: '', priority: 0 }, recentStatuses, invisibility: 'xep-0186' }) as const;

afterEach(() => {
  FakeTray.last = undefined;
});

describe('tray binding', () => {
  it('starts with the state icon, tooltip and menu', () => {
    const { icon, menu } = setup();
    expect(icon.image.path).toBe('/app/assets/tray/online-light.png');
    expect(icon.tooltip).toBe('Causette — Online');
    expect(menu().labels()).toContain('Available');
  });

  it('runs presence choices through presence.set without an accountId, like the renderer’s "every account"', async () => {
    const { core, menu } = setup();
    menu().click('Do not disturb');
    menu().click('Offline');
    await Promise.resolve();
    expect(core.calls.filter((call) => call.name === 'presence.set').map((call) => call.request)).toEqual([{ show: 'dnd' }, { show: 'offline' }]);
  });

  it('sends a recent status with the current state', () => {
    const { core, menu } = setup();
    core.emit('presence.ownChanged', ownChanged('a1', 'away', ['Lunch & coffee']));
    // Electron reads a single & as a mnemonic marker.
    menu().click('Lunch && coffee');
    expect(core.calls.at(-1)).toEqual({ name: 'presence.set', request: { show: 'away', status: 'Lunch & coffee' } });
  });

  it('toggles the window on click and from the menu, shows it to edit the status, and really quits', () => {
    const { icon, menu, window, quit } = setup();
    icon.emit('click');
    menu().click('Hide Causette');
    menu().click('Set status message…');
    menu().click('Quit Causette');
    expect(window).toMatchObject({ toggles: 2, edits: 1 });
    expect(quit).toHaveBeenCalledOnce();
  });

  it('says Show or Hide as the window is, once refreshed', () => {
    const { tray, menu, window } = setup();
    window.shown = false;
    tray.refresh();
    expect(menu().labels()).toContain('Show Causette');
  });

  it('rebuilds on own presence, account updates and removal, and not when nothing shown changed', () => {
    const { core, icon } = setup([account('a1', 'online'), account('a2')]);
    const built = icon.menusBuilt;
    core.emit('presence.ownChanged', ownChanged('a1', 'away'));
    expect(icon.image.path).toMatch(/\/away-light\.png$/);
    expect(icon.tooltip).toBe('Causette — Away');
    core.emit('account.updated', { ...account('a2', 'online') });
    expect(icon.image.path).toMatch(/\/online-light\.png$/);
    core.emit('account.updated', { ...account('a2', 'online') });
    const afterDuplicate = icon.menusBuilt;
    core.emit('account.removed', { accountId: 'a2' });
    core.emit('account.removed', { accountId: 'a1' });
    expect(icon.tooltip).toBe('Causette — No account');
    expect(afterDuplicate).toBe(built + 2);
    expect(icon.menusBuilt).toBe(built + 4);
  });

  it('rebuilds its menu and tooltip in a new language once refreshed', () => {
    const words = wordsIn('en');
    const { tray, icon, menu } = setup(undefined, undefined, words.t);
    const built = icon.menusBuilt;
    words.apply('fr');
    tray.refresh();
    expect(icon.menusBuilt).toBe(built + 1);
    expect(icon.tooltip).toBe('Causette — En ligne');
    expect(menu().labels()).toEqual(expect.arrayContaining(['Disponible', 'Ne pas déranger', 'Définir un message d’état…', 'Masquer Causette', 'Quitter Causette']));
  });

  it('picks the dark variant on a dark theme and follows theme changes', () => {
    const { nativeTheme, icon } = setup();
    nativeTheme.set(true);
    expect(icon.image.path).toBe('/app/assets/tray/online-dark.png');
    nativeTheme.set(false);
    expect(icon.image.path).toBe('/app/assets/tray/online-light.png');
    expect(trayIconPath('/i', 'dnd', true)).toBe('/i/dnd-dark.png');
  });

  it('fills in the presence of an account signed in before the tray listened', async () => {
    const core = fakeCore();
    core.answers['roster.snapshot'] = rosterOf('dnd', ['Focus']);
    createTray({
      electron: { Tray: FakeTray, Menu: FakeMenu, nativeImage: fakeNativeImage, nativeTheme: new FakeNativeTheme() },
      core,
      accounts: [account('a1', 'online'), account('a2')],
      settings: defaultSettings,
      platform: 'linux',
      iconDir: '/t',
      window: { isShown: () => true, show: () => undefined, toggle: () => undefined, editStatus: () => undefined },
      quit: () => undefined,
      t: english,
      language: () => 'en',
    });
    await vi.waitFor(() => expect(FakeTray.last?.tooltip).toBe('Causette — Do not disturb'));
    expect(core.calls.filter((call) => call.name === 'roster.snapshot').map((call) => call.request)).toEqual([{ accountId: 'a1' }]);
    expect((FakeTray.last?.menu as FakeMenu).labels()).toContain('Focus');
  });

  it('keeps a presence reported by an event over a slower start-up snapshot', async () => {
    const { core, icon } = setup();
    core.emit('presence.ownChanged', ownChanged('a1', 'away'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(core.calls.some((call) => call.name === 'roster.snapshot')).toBe(true);
    expect(icon.tooltip).toBe('Causette — Away');
  });

  it('lets destroy remove the icon and stop listening', () => {
    const { core, nativeTheme, tray, icon } = setup();
    tray.destroy();
    expect(icon.destroyed).toBe(true);
    expect(core.listenerCount()).toBe(0);
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('turns the model into Electron radio, disabled and separator items', () => {
    const template = toMenuTemplate(
      [{ type: 'label', label: 'Online' }, { type: 'separator' }, { type: 'radio', label: 'Away', enabled: false, checked: true, action: { kind: 'presence', show: 'away' } }],
      () => undefined,
    );
    expect(template).toMatchObject([{ label: 'Online', enabled: false }, { type: 'separator' }, { type: 'radio', label: 'Away', enabled: false, checked: true }]);
  });

  it('mutes and unmutes notifications through settings.update, and follows the settings', async () => {
    const { core, menu } = setup();
    const before = Date.now();
    menu().clickIn('Mute notifications', 'For 1 hour');
    menu().clickIn('Mute notifications', 'Until I turn them back on');
    await Promise.resolve();
    const asked = core.calls.filter((call) => call.name === 'settings.update').map((call) => call.request);
    expect(asked[1]).toEqual({ muteNotifications: { kind: 'always' } });
    const hour = asked[0] as { muteNotifications: { kind: string; until: number } };
    expect(hour.muteNotifications.kind).toBe('until');
    expect(hour.muteNotifications.until - before).toBeGreaterThanOrEqual(3_600_000);
    expect(hour.muteNotifications.until - Date.now()).toBeLessThanOrEqual(3_600_000);
    core.emit('settings.updated', { ...defaultSettings, muteNotifications: { kind: 'always' } });
    expect(menu().labels()).toContain('Notifications muted');
    menu().click('Turn notifications back on');
    expect(core.calls.at(-1)).toEqual({ name: 'settings.update', request: { muteNotifications: { kind: 'off' } } });
    core.emit('settings.updated', defaultSettings);
    expect(menu().labels()).toContain('Mute notifications');
  });

  it('offers muting again once a mute for a while has ended', () => {
    vi.useFakeTimers();
    try {
      const until = Date.now() + 60_000;
      const { menu } = setup(undefined, undefined, undefined, { settings: { ...defaultSettings, muteNotifications: { kind: 'until', until } } });
      expect(menu().labels().some((label) => label.startsWith('Notifications muted until'))).toBe(true);
      vi.advanceTimersByTime(60_100);
      expect(menu().labels()).toContain('Mute notifications');
    } finally {
      vi.useRealTimers();
    }
  });

  it('on Windows, picks the icon for the taskbar’s theme, which the app’s theme does not change', () => {
    const { nativeTheme, icon } = setup(undefined, undefined, undefined, { platform: 'win32' });
    nativeTheme.set(true);
    expect(icon.image.path).toBe('/app/assets/tray/online-light.png');
    nativeTheme.setTaskbar(true);
    expect(icon.image.path).toBe('/app/assets/tray/online-dark.png');
  });
});
