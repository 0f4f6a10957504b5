// Keeps <html data-theme> on the theme the settings choose; the style sheet's light-dark() colours follow it. The last
// choice is remembered in this window's storage, so a reload does not flash the system's colours before settings load.
import { ThemeSettingSchema, type ThemeSetting } from '../shared/model/settings.ts';
import { useSettings } from './stores/settings.ts';

const KEY = 'causette.theme';

export function applyTheme(theme: ThemeSetting): void {
  document.documentElement.dataset.theme = theme;
}

function remembered(): ThemeSetting | undefined {
  try {
    const parsed = ThemeSettingSchema.safeParse(window.localStorage.getItem(KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Storage refused (a locked-down profile): the settings' answer still comes.
    return undefined;
  }
}

function remember(theme: ThemeSetting): void {
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // Only the flash on the next reload is at stake.
  }
}

export function startTheme(): void {
  applyTheme(remembered() ?? useSettings.getState().settings.theme);
  // Against what is shown, not the previous state: the loaded settings may differ from what was remembered.
  useSettings.subscribe((state) => {
    if (document.documentElement.dataset.theme === state.settings.theme) return;
    applyTheme(state.settings.theme);
    remember(state.settings.theme);
  });
}
