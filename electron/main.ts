// The desktop app's lifecycle: one instance, one core, one hardened window. The parts live in their own files.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppHandler } from './app-protocol.ts';
import type { Core } from './core/core-api.ts';
import { createCore } from './core/core.ts';
import { bindIpc } from './ipc/bind.ts';
import { createDesktopSecretBox } from './secrets.ts';
import { guardContents, guardSession } from './security.ts';
import { bringToFront, mainWindowOptions } from './window.ts';

// This bundle is dist/electron/main.js, next to preload.cjs and above dist/renderer.
const distDir = join(import.meta.dirname, '..');

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

function openMainWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(join(distDir, 'electron', 'preload.cjs')));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  mainWindow = window;
  void window.loadURL(appEntryUrl);
}

function openExternal(url: string): void {
  shell.openExternal(url).catch((error: unknown) => core?.logger.warn('Could not open a link in the system', { error: String(error) }));
}

// Order matters: the policy before any page, the core before IPC, IPC before the window that calls it.
async function start(): Promise<void> {
  guardSession(session.defaultSession);
  protocol.handle(appScheme, createAppHandler(join(distDir, 'renderer')));
  const profileDir = app.getPath('userData');
  core = await createCore({ profileDir, secrets: createDesktopSecretBox(profileDir, safeStorage, process.platform), version: app.getVersion() });
  bindIpc(ipcMain, core, () => mainWindow?.webContents);
  openMainWindow();
}

// Everything up to whenReady runs synchronously: Electron fires 'ready' only once this module has evaluated,
// and the scheme and the sandbox must be set before it.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) bringToFront(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));
  // macOS keeps an app without windows running; the Dock icon brings the window back.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && !mainWindow) openMainWindow();
  });
  app.on('will-quit', (event) => {
    const running = core;
    if (!running) return;
    core = undefined;
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
      dialog.showErrorBox('Causette could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
