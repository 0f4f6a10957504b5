// The main window: its fixed, secure webPreferences (the only place a window is configured) and its life on screen.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preload: string, icon?: string): BrowserWindowConstructorOptions {
  return {
    title: 'Causette',
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    // Shown on 'ready-to-show' so the window never flashes empty.
    show: false,
    // Linux and Windows take the window's icon from here; macOS from the bundle.
    ...(icon === undefined ? {} : { icon }),
    webPreferences: {
      preload,
      // The page's scripts cannot reach the preload's world, Node, or anything outside Chromium's sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}

type FrontableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** What a second launch does: bring the running window back instead of opening another. */
export function bringToFront(window: FrontableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** The parts of a BrowserWindow the shell drives; Electron's BrowserWindow satisfies it. */
export interface ShellWindow extends FrontableWindow {
  isVisible(): boolean;
  hide(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'hide', listener: () => void): unknown;
}

/** On screen for the user: a minimized window counts as away (Windows reports it visible). */
function isOnScreen(window: ShellWindow | undefined): window is ShellWindow {
  return window !== undefined && window.isVisible() && !window.isMinimized();
}

export interface WindowHost<W extends ShellWindow> {
  readonly current: () => W | undefined;
  readonly isShown: () => boolean;
  /** Brings the window to the front, opening a new one if it was closed. */
  readonly show: () => void;
  /** The tray's click: hide when on screen, otherwise show. */
  readonly toggle: () => void;
}

export interface WindowHooks {
  /** Asked at each close: true hides the window instead, and the app stays in the tray. */
  readonly hidesOnClose: () => boolean;
  /** The window appeared, disappeared or closed (the tray's Show/Hide item follows). */
  readonly onVisibilityChange: () => void;
}

/** Keeps the one main window: created on demand by create(), which loads it and shows it when ready. */
export function createWindowHost<W extends ShellWindow>(create: () => W, hooks: WindowHooks): WindowHost<W> {
  let window: W | undefined;
  const open = (): void => {
    const created = create();
    created.on('close', (event) => {
      if (!hooks.hidesOnClose()) return;
      event.preventDefault();
      created.hide();
    });
    created.on('show', () => hooks.onVisibilityChange());
    created.on('hide', () => hooks.onVisibilityChange());
    created.on('closed', () => {
      window = undefined;
      hooks.onVisibilityChange();
    });
    window = created;
  };
  const show = (): void => {
    if (window === undefined) open();
    else bringToFront(window);
  };
  return {
    current: () => window,
    isShown: () => isOnScreen(window),
    show,
    toggle: () => (isOnScreen(window) ? window.hide() : show()),
  };
}
