// Keeps the interface in the language the settings choose, and in the system's when it changes (the "languagechange" event).
import { useSettings } from '../stores/settings.ts';
import { applyLanguage } from './index.ts';

export function startLanguage(): void {
  applyLanguage(useSettings.getState().settings.language);
  useSettings.subscribe((state, before) => {
    if (state.settings.language !== before.settings.language) applyLanguage(state.settings.language);
  });
  window.addEventListener('languagechange', () => applyLanguage(useSettings.getState().settings.language));
}
