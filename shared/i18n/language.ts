// The languages Causette speaks, and which one a setting means: shared by the renderer's and the shell's i18next.
import type { LanguageSetting } from '../model/settings.ts';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** The first of the user's preferred languages (BCP 47 tags, best first) that Causette speaks; English otherwise. */
export function preferredLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split('-')[0];
    const found = languages.find((language) => language === base);
    if (found) return found;
  }
  return 'en';
}

/** The language a setting means: "system" follows the given list (Chromium's in the page, the OS's in the shell). */
export function languageFor(setting: LanguageSetting, system: readonly string[]): Language {
  return setting === 'system' ? preferredLanguage(system) : setting;
}
