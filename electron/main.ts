// The desktop app's lifecycle: one instance, one core, one hardened window, a tray. The parts live in their own files.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray } from 'electron';
import { appMenuTemplate } from './app-menu.ts';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppHandler } from './app-protocol.ts';
import type { EventPayload } from '../shared/ipc/contract.ts';
import type { Account } from '../shared/model/account.ts';
import type { Settings } from '../shared/model/settings.ts';
import type { Core } from './core/core-api.ts';
import { createCore } from './core/core.ts';
import { followLanguage } from './i18n/follow.ts';
import { createShellWords } from './i18n/words.ts';
import { watchIdle } from './idle.ts';
import { bindIpc } from './ipc/bind.ts';
import { ipcChannels } from '../shared/ipc/wire.ts';
import { startNotifications } from './notifications.ts';
import { createDesktopSecretBox } from './secrets.ts';
import { guardContents, guardSession } from './security.ts';
import { createBadge } from './tray/badge.ts';
import { trackTaskbarProgress } from './taskbar-progress.ts';
import { createFileShell } from './file-shell.ts';
import { createClosePolicy, type ClosePolicy } from './tray/close-to-tray.ts';
import { createTray, type AppTray } from './tray/tray.ts';
import { trackUnread, type UnreadCount } from './tray/unread-count.ts';
import { followTheme } from './theme.ts';
import { createWindowHost, mainWindowOptions } from './window.ts';

// This bundle is dist/electron/main.js, next to preload.cjs and above dist/renderer.
const distDir = join(import.meta.dirname, '..');
// The project folder in development, app.asar once packaged: assets/ sits in both.
const assetsDir = join(app.getAppPath(), 'assets');

let core: Core | undefined;
let tray: AppTray | undefined;
let closing: ClosePolicy | undefined;
let stopIdle: (() => void) | undefined;
let stopNotifications: (() => void) | undefined;
let unread: UnreadCount | undefined;
let stopLanguage: (() => void) | undefined;
let stopTheme: (() => void) | undefined;
// The OS's own list first; Chromium's locale in case the list is empty.
const words = createShellWords(() => [...app.getPreferredSystemLanguages(), app.getLocale()]);
const badge = createBadge({
  platform: process.platform,
  app,
  window: () => windows.current(),
  image: (bitmap, size) => nativeImage.createFromBitmap(bitmap, { width: size, height: size }),
  t: words.t,
});

const windows = createWindowHost(
  () => {
    const window = new BrowserWindow(mainWindowOptions(join(distDir, 'electron', 'preload.cjs'), join(assetsDir, 'icon.png')));
    window.once('ready-to-show', () => {
      window.show();
      badge.reapply();
    });
    // A closed window shows no conversation: its messages are worth a notification again.
    window.on('closed', () => void core?.handlers['ui.visibleConversation']({}));
    // Windows ends a session without 'before-quit'.
    window.on('session-end', () => closing?.markQuitting());
    void window.loadURL(appEntryUrl);
    return window;
  },
  { hidesOnClose: () => closing?.hidesOnClose() ?? false, onVisibilityChange: () => tray?.refresh() },
);

function openExternal(url: string): void {
  shell.openExternal(url).catch((error: unknown) => core?.logger.warn('Could not open a link in the system', { error: String(error) }));
}

/** The application menu in the current language: at start, and again when the language changes. */
function setAppMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(words.t, { platform: process.platform, developer: !app.isPackaged })));
}

/** The tray's "Set status message…": the window comes forward and its status field takes the focus. */
function editStatus(): void {
  windows.show();
  windows.current()?.webContents.send(ipcChannels.event, 'ui.editStatus', {});
}

/** A notification was clicked: the window shows that conversation, once its page has loaded. */
function openConversation(conversation: EventPayload<'ui.openConversation'>): void {
  const contents = windows.current()?.webContents;
  if (!contents) return;
  const send = () => contents.send(ipcChannels.event, 'ui.openConversation', conversation);
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}

function startTray(running: Core, accounts: readonly Account[], settings: Settings): void {
  try {
    tray = createTray({
      electron: { Tray, Menu, nativeImage, nativeTheme },
      core: running,
      accounts,
      settings,
      platform: process.platform,
      iconDir: join(assetsDir, 'tray'),
      window: { isShown: windows.isShown, show: windows.show, toggle: windows.toggle, editStatus: () => editStatus() },
      quit: () => app.quit(),
      unread: () => unread?.count() ?? 0,
      t: words.t,
      language: words.language,
    });
  } catch (error) {
    // Without a tray the app still works; closing the window then closes it.
    running.logger.warn('Could not create the tray icon', { error: String(error) });
  }
}

// Order matters: the policy before any page, the core before IPC, IPC before the window that calls it.
async function start(): Promise<void> {
  // Until the settings are read, the system's language (for the error box should the start fail).
  words.apply('system');
  guardSession(session.defaultSession);
  protocol.handle(appScheme, createAppHandler(join(distDir, 'renderer'), (id) => core?.downloadedFile(id)));
  const profileDir = app.getPath('userData');
  const running = await createCore({
    profileDir,
    secrets: createDesktopSecretBox(profileDir, safeStorage, process.platform),
    version: app.getVersion(),
    downloadsDir: app.getPath('downloads'),
    fileShell: createFileShell(shell, dialog, () => windows.current()),
    // Events are checked against the contract when run from the project (`npm start`), never in an installed app.
    checkEvents: !app.isPackaged,
  });
  core = running;
  bindIpc(ipcMain, running, () => windows.current()?.webContents);
  const snapshot = await running.handlers['app.snapshot']({});
  words.apply(snapshot.settings.language);
  setAppMenu();
  stopLanguage = followLanguage(running, words, () => {
    setAppMenu();
    tray?.refresh();
    badge.reapply();
  });
  stopTheme = followTheme(running, nativeTheme, snapshot.settings.theme);
  closing = createClosePolicy(running, snapshot.settings, () => tray !== undefined);
  unread = trackUnread(running, snapshot.accounts, (count) => {
    tray?.refresh();
    badge.set(count);
  });
  startTray(running, snapshot.accounts, snapshot.settings);
  trackTaskbarProgress(running, () => windows.current());
  stopNotifications = startNotifications({
    Notification,
    core: running,
    window: { show: windows.show, openConversation },
    platform: process.platform,
    icon: join(assetsDir, 'icon.png'),
    t: words.t,
    language: words.language,
  });
  stopIdle = watchIdle(powerMonitor, (activity) => running.handlers['presence.activity'](activity), running.logger);
  windows.show();
}

// Everything up to whenReady runs synchronously: Electron fires 'ready' only once this module has evaluated,
// and the scheme and the sandbox must be set before it.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (core) windows.show();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));
  // macOS keeps an app without windows running; the Dock icon brings the window back.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core) windows.show();
  });
  // The tray's Quit, Cmd+Q and the Dock's Quit all pass here: from now on closing the window closes it.
  app.on('before-quit', () => closing?.markQuitting());
  app.on('will-quit', (event) => {
    const running = core;
    if (!running) return;
    core = undefined;
    stopIdle?.();
    stopNotifications?.();
    stopLanguage?.();
    stopTheme?.();
    unread?.dispose();
    tray?.destroy();
    tray = undefined;
    closing?.dispose();
    // Hold the quit until the core has signed off and closed its store.
    event.preventDefault();
    running
      .close()
      .catch((error: unknown) => console.error('Causette: closing the core failed:', error))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(words.t('shell.startFailed'), error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
