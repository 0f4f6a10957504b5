import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/window.ts';

describe('main window', () => {
  it('isolates, sandboxes and denies Node to the renderer, with web security on', () => {
    const prefs = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('closes the other doors: no insecure content, webview tag, worker or subframe Node, drag-and-drop navigation', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toMatchObject({
      allowRunningInsecureContent: false,
      webviewTag: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
    });
  });

  it('keeps spellcheck and stays hidden until ready to show', () => {
    const options = mainWindowOptions('/p.cjs');
    expect(options.webPreferences?.spellcheck).toBe(true);
    expect(options.show).toBe(false);
  });
});

describe('main window icon', () => {
  it('sets the window icon only when given one', () => {
    expect(mainWindowOptions('/p.cjs', '/app/assets/icon.png').icon).toBe('/app/assets/icon.png');
    expect('icon' in mainWindowOptions('/p.cjs')).toBe(false);
  });
});
