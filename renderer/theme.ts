// Keeps <html data-theme> on the theme the settings choose; the style sheet's light-dark() colours follow it.
import type { ThemeSetting } from '../shared/model/settings.ts';
import { useSettings } from './stores/settings.ts';

export function applyTheme(theme: ThemeSetting): void {
  document.documentElement.dataset.theme = theme;
}

export function startTheme(): void {
  applyTheme(useSettings.getState().settings.theme);
  useSettings.subscribe((state, before) => {
    if (state.settings.theme !== before.settings.theme) applyTheme(state.settings.theme);
  });
}
