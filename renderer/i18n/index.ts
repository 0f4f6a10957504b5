// The interface's words (i18next): English and French catalogues, the language the settings ask for or the system's.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../shared/i18n/fr.json' with { type: 'json' };
import { languageFor, languages, preferredLanguage, type Language } from '../../shared/i18n/language.ts';
import type { LanguageSetting } from '../../shared/model/settings.ts';

/** Outside a page (unit tests) English, so that what they read does not depend on the machine's locale. */
function systemTags(): readonly string[] {
  return typeof document === 'undefined' ? [] : navigator.languages;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: preferredLanguage(systemTags()),
  fallbackLng: 'en',
  supportedLngs: languages,
  // The catalogues are bundled: ready at once, no Suspense.
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** The current language, for Intl formatters. */
export function locale(): Language {
  return preferredLanguage([i18n.language]);
}

/** Applies a language setting: the words, and <html lang> for screen readers and hyphenation. */
export function applyLanguage(setting: LanguageSetting): void {
  const language = languageFor(setting, systemTags());
  if (i18n.language !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
