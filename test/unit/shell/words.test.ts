import { describe, expect, it } from 'vitest';
import { followLanguage } from '../../../electron/i18n/follow.ts';
import { createShellWords } from '../../../electron/i18n/words.ts';
import { defaultSettings } from '../../../shared/model/settings.ts';
import { fakeCore } from '../../support/fake-core.ts';

describe('the shell’s words', () => {
  it('speak English until a language setting is applied, then the one it means', () => {
    const words = createShellWords(() => ['de-DE', 'fr-CA']);
    expect(words.t('shell.startFailed')).toBe('Causette could not start');
    expect(words.apply('system')).toBe(true);
    expect(words.t('shell.startFailed')).toBe('Causette n’a pas pu démarrer');
    expect(words.apply('fr')).toBe(false);
    expect(words.apply('en')).toBe(true);
    expect(words.t('shell.tray.quit')).toBe('Quit Causette');
  });

  it('take the system’s languages as they are when the setting is applied, English when none is spoken', () => {
    let system = ['de-DE'];
    const words = createShellWords(() => system);
    expect(words.apply('system')).toBe(false);
    expect(words.t('shell.tray.quit')).toBe('Quit Causette');
    system = ['fr'];
    expect(words.apply('system')).toBe(true);
    expect(words.t('shell.tray.quit')).toBe('Quitter Causette');
  });

  it('pick plural forms by count in each language', () => {
    const words = createShellWords(() => []);
    expect(words.t('shell.badge.unread', { count: 1 })).toBe('1 unread message');
    expect(words.t('shell.badge.unread', { count: 3 })).toBe('3 unread messages');
    words.apply('fr');
    expect(words.t('shell.badge.unread', { count: 1 })).toBe('1 message non lu');
    expect(words.t('shell.badge.unread', { count: 3 })).toBe('3 messages non lus');
  });

  it('follow settings.updated, redrawing only when the language changed', () => {
    const core = fakeCore();
    const words = createShellWords(() => ['en-GB']);
    let redraws = 0;
    const stop = followLanguage(core, words, () => void redraws++);
    core.emit('settings.updated', { ...defaultSettings, language: 'fr' });
    expect(words.t('shell.tray.hide')).toBe('Masquer Causette');
    core.emit('settings.updated', { ...defaultSettings, language: 'fr', closeToTray: false });
    core.emit('settings.updated', { ...defaultSettings, language: 'system' });
    expect(words.t('shell.tray.hide')).toBe('Hide Causette');
    expect(redraws).toBe(2);
    stop();
    expect(core.listenerCount()).toBe(0);
  });
});
