// The main window and its fixed, secure webPreferences: the only place a window is configured.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'Causette',
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    // Shown on 'ready-to-show' so the window never flashes empty.
    show: false,
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

/** What a second launch does: bring the running window back instead of opening another. */
export function bringToFront(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
