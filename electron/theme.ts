// The window's native parts (title bar, context menus, dialogs) in the theme the settings choose, as the page is.
import type { ThemeSetting } from '../shared/model/settings.ts';
import type { Core } from './core/core-api.ts';
import { onCoreEvents } from './tray/core-events.ts';

export interface ThemeSource {
  themeSource: ThemeSetting;
}

/** Applies the theme setting now and at each change; returns the way to stop following. */
export function followTheme(core: Pick<Core, 'onEvent'>, nativeTheme: ThemeSource, initial: ThemeSetting): () => void {
  const apply = (theme: ThemeSetting): void => {
    // Electron redraws and tells 'updated' on every assignment: assign only a change.
    if (nativeTheme.themeSource !== theme) nativeTheme.themeSource = theme;
  };
  apply(initial);
  return onCoreEvents(core, { 'settings.updated': (settings) => apply(settings.theme) });
}
