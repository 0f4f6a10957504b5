import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { followTheme } from '../../../electron/theme.ts';
import { fakeCore } from '../../support/fake-core.ts';
import { FakeNativeTheme } from './fake-electron.ts';

describe('native theme', () => {
  it('follows the theme setting at start and at each change, until stopped', () => {
    const core = fakeCore();
    const nativeTheme = new FakeNativeTheme();
    const stop = followTheme(core, nativeTheme, 'dark');
    expect(nativeTheme.themeSource).toBe('dark');
    core.emit('settings.updated', { ...defaultSettings, theme: 'light' });
    expect(nativeTheme.themeSource).toBe('light');
    core.emit('settings.updated', { ...defaultSettings, theme: 'system' });
    expect(nativeTheme.themeSource).toBe('system');
    stop();
    core.emit('settings.updated', { ...defaultSettings, theme: 'dark' });
    expect(nativeTheme.themeSource).toBe('system');
  });
});
