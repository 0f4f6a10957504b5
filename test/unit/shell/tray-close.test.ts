import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { createClosePolicy } from '../../../electron/tray/close-to-tray.ts';
import { createWindowHost } from '../../../electron/window.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { FakeWindow } from './fake-electron.ts';

function setup(closeToTray = true, hasTray = true) {
  const core = fakeCore();
  const policy = createClosePolicy(core, { closeToTray }, () => hasTray);
  const created: FakeWindow[] = [];
  let visibilityChanges = 0;
  const host = createWindowHost(
    () => {
      const window = new FakeWindow();
      created.push(window);
      // main.ts shows a new window on 'ready-to-show'.
      window.show();
      return window;
    },
    { hidesOnClose: policy.hidesOnClose, onVisibilityChange: () => void visibilityChanges++ },
  );
  host.show();
  return { core, policy, host, created, window: created[0], changes: () => visibilityChanges };
}

describe('close to tray', () => {
  it('hides the window instead of closing it when the setting is on and a tray exists', () => {
    const { window, host } = setup();
    window.close();
    expect(window).toMatchObject({ closed: false, visible: false });
    expect(host.current()).toBe(window);
  });

  it('really closes once quitting, whatever the setting', () => {
    const { window, policy, host } = setup();
    policy.markQuitting();
    window.close();
    expect(window.closed).toBe(true);
    expect(host.current()).toBeUndefined();
    expect(policy.quitting).toBe(true);
  });

  it('closes when the setting is off, or when there is no tray to come back from', () => {
    const off = setup(false);
    off.window.close();
    expect(off.window.closed).toBe(true);
    const trayless = setup(true, false);
    trayless.window.close();
    expect(trayless.window.closed).toBe(true);
  });

  it('follows settings.updated from the core', () => {
    const { core, window } = setup(false);
    core.emit('settings.updated', { ...defaultSettings, closeToTray: true });
    window.close();
    expect(window.closed).toBe(false);
    core.emit('settings.updated', { ...defaultSettings, closeToTray: false });
    window.close();
    expect(window.closed).toBe(true);
  });

  it('stops listening on dispose', () => {
    const { core, policy } = setup();
    policy.dispose();
    expect(core.listenerCount()).toBe(0);
  });
});

describe('window host', () => {
  it('toggles: hides a window on screen, brings back a hidden or minimized one', () => {
    const { host, window } = setup();
    host.toggle();
    expect(window.visible).toBe(false);
    host.toggle();
    expect(window).toMatchObject({ visible: true, focused: true });
    window.minimized = true;
    expect(host.isShown()).toBe(false);
    host.toggle();
    expect(window).toMatchObject({ visible: true, minimized: false });
  });

  it('opens a new window when the old one was closed (macOS Dock, tray)', () => {
    const { host, window, created } = setup(false);
    window.close();
    expect(host.isShown()).toBe(false);
    host.toggle();
    expect(created).toHaveLength(2);
    expect(host.current()).toBe(created[1]);
  });

  it('reports showing, hiding and closing so the tray can relabel Show/Hide', () => {
    const { window, changes } = setup(false);
    const before = changes();
    window.hide();
    window.show();
    window.close();
    expect(changes() - before).toBe(3);
  });
});
