// The system tray: state icon, tooltip and presence menu, kept current from core events. Electron's Tray, Menu,
// nativeImage and nativeTheme are passed in, so tests drive it with stand-ins.
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { Account } from '../../shared/model/account.ts';
import { muteEndsIn, muteFor } from '../../shared/model/mute.ts';
import type { OwnShow } from '../../shared/model/presence.ts';
import type { NotificationMute, Settings } from '../../shared/model/settings.ts';
import type { Core } from '../core/core-api.ts';
import type { Translate } from '../i18n/words.ts';
import { onCoreEvents } from './core-events.ts';
import { buildTrayView, type TrayAction, type TrayItem } from './tray-menu.ts';
import { trackTrayPresence } from './tray-presence.ts';

export interface TrayIcon<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayElectron<Image extends { isEmpty(): boolean }, Menu> {
  // Image and Menu are what nativeImage and Menu make; the Tray must take those.
  readonly Tray: NoInfer<new (image: Image) => TrayIcon<Image, Menu>>;
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  readonly nativeImage: { createFromPath(path: string): Image };
  readonly nativeTheme: {
    readonly shouldUseDarkColors: boolean;
    /** Windows only: the taskbar's own theme, which the app's chosen theme does not change. */
    readonly shouldUseDarkColorsForSystemIntegratedUI: boolean;
    on(event: 'updated', listener: () => void): unknown;
    removeListener(event: 'updated', listener: () => void): unknown;
  };
}

/** What the tray does to the window; main.ts owns the window. */
export interface TrayWindow {
  isShown(): boolean;
  show(): void;
  toggle(): void;
  /** Shows the window with its status message field focused. */
  editStatus(): void;
}

export interface TrayOptions<Image extends { isEmpty(): boolean }, Menu> {
  readonly electron: TrayElectron<Image, Menu>;
  readonly core: Pick<Core, 'handlers' | 'onEvent' | 'logger'>;
  /** The accounts from app.snapshot; later changes arrive as events. */
  readonly accounts: readonly Account[];
  /** The settings from app.snapshot (for the mute of notifications); later changes arrive as events. */
  readonly settings: Pick<Settings, 'muteNotifications'>;
  /** process.platform: on Windows the taskbar has a theme of its own. */
  readonly platform: NodeJS.Platform;
  /** Holds <state>-light.png and <state>-dark.png (and their @2x files, which nativeImage picks up). */
  readonly iconDir: string;
  readonly window: TrayWindow;
  /** Really quits: the window must close rather than hide. */
  readonly quit: () => void;
  /** Unread messages outside muted conversations (main.ts tracks it and calls refresh() when it changes). */
  readonly unread?: () => number;
  /** The shell's words in the current language (main.ts calls refresh() when it changes). */
  readonly t: Translate;
  /** The language of `t`, for the time a mute ends. */
  readonly language: () => string;
}

export interface AppTray {
  /** Rebuilds the menu, e.g. after the window was shown or hidden or the language changed. */
  refresh(): void;
  destroy(): void;
}

/** "-dark" icons are drawn light, for a dark panel; "-light" ones dark, for a light panel. */
export function trayIconPath(iconDir: string, state: OwnShow, darkTheme: boolean): string {
  return join(iconDir, `${state}-${darkTheme ? 'dark' : 'light'}.png`);
}

/** Electron reads "&" in a label as a mnemonic marker; a status message shows it as typed. */
function escapeLabel(label: string): string {
  return label.replaceAll('&', '&&');
}

export function toMenuTemplate(items: readonly TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: escapeLabel(item.label), enabled: false };
      case 'radio':
        return { type: 'radio', label: escapeLabel(item.label), enabled: item.enabled, checked: item.checked, click: () => run(item.action) };
      case 'action':
        return { label: escapeLabel(item.label), enabled: item.enabled, click: () => run(item.action) };
      case 'submenu':
        return { label: escapeLabel(item.label), submenu: toMenuTemplate(item.items, run) };
    }
  });
}

export function createTray<Image extends { isEmpty(): boolean }, Menu>(options: TrayOptions<Image, Menu>): AppTray {
  const { electron, core, iconDir, window } = options;
  const images = new Map<string, Image>();
  let shownKey = '';
  let mute: NotificationMute = options.settings.muteNotifications;
  let muteEnd: ReturnType<typeof setTimeout> | undefined;
  // The panel's theme, which the icon must stand out from: on Windows the taskbar's, elsewhere the system's as Electron sees it.
  const darkPanel = (): boolean =>
    options.platform === 'win32' ? electron.nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : electron.nativeTheme.shouldUseDarkColors;

  const image = (state: OwnShow, dark: boolean): Image => {
    const path = trayIconPath(iconDir, state, dark);
    let loaded = images.get(path);
    if (loaded === undefined) {
      loaded = electron.nativeImage.createFromPath(path);
      if (loaded.isEmpty()) core.logger.warn('A tray icon is missing', { path });
      images.set(path, loaded);
    }
    return loaded;
  };
  // No accountId: the same command the renderer sends for "every account".
  const setPresence = async (request: { show: OwnShow; status?: string }): Promise<void> => {
    try {
      await core.handlers['presence.set'](request);
    } catch (error) {
      // A menu click has no one to answer to: an escaping error would be an uncaught exception in main.
      core.logger.warn('The tray could not change presence', { error: String(error) });
    }
  };
  const setMute = async (muteNotifications: NotificationMute): Promise<void> => {
    try {
      await core.handlers['settings.update']({ muteNotifications });
    } catch (error) {
      core.logger.warn('The tray could not change the mute of notifications', { error: String(error) });
    }
  };
  const run = (action: TrayAction): void => {
    switch (action.kind) {
      case 'presence':
        return void setPresence({ show: action.show });
      case 'status':
        return void setPresence({ show: action.show, status: action.text });
      case 'edit-status':
        return window.editStatus();
      case 'show-window':
        return window.show();
      case 'toggle-window':
        return window.toggle();
      case 'mute':
        return void setMute(muteFor(action.duration, Date.now()));
      case 'unmute':
        return void setMute({ kind: 'off' });
      case 'quit':
        return options.quit();
    }
  };

  let tray: TrayIcon<Image, Menu> | undefined;
  const render = (): void => {
    if (tray === undefined) return;
    const unread = options.unread?.() ?? 0;
    const now = Date.now();
    const state = { accounts: presence.accounts(), recentStatuses: presence.recentStatuses(), unread, windowVisible: window.isShown(), mute, now, language: options.language() };
    const view = buildTrayView(state, options.t);
    const dark = darkPanel();
    const key = JSON.stringify([view, dark]);
    // Reconnect countdowns update accounts often; rebuild the native menu only when what it shows changed.
    if (key === shownKey) return;
    shownKey = key;
    tray.setImage(image(view.icon, dark));
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(electron.Menu.buildFromTemplate(toMenuTemplate(view.items, run)));
  };

  // A mute for a while ends by itself: the menu then offers muting again.
  const followMute = (next: NotificationMute): void => {
    mute = next;
    clearTimeout(muteEnd);
    const left = muteEndsIn(mute, Date.now());
    muteEnd = left === undefined ? undefined : setTimeout(render, left + 50);
  };
  const stopSettings = onCoreEvents(core, {
    'settings.updated': (settings) => {
      followMute(settings.muteNotifications);
      render();
    },
  });
  followMute(mute);

  const presence = trackTrayPresence(core, options.accounts, render);
  // Electron wants an image up front; render() sets the real one at once.
  tray = new electron.Tray(image('offline', darkPanel()));
  tray.on('click', () => window.toggle());
  electron.nativeTheme.on('updated', render);
  render();

  return {
    refresh: render,
    destroy: () => {
      presence.dispose();
      stopSettings();
      clearTimeout(muteEnd);
      electron.nativeTheme.removeListener('updated', render);
      tray?.destroy();
      tray = undefined;
    },
  };
}
