// The shell's words (tray, badge, dialogs): an i18next instance of its own over the shared catalogues, in the
// language the settings choose or, for "system", the operating system's.
import i18next, { type TFunction } from 'i18next';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../shared/i18n/fr.json' with { type: 'json' };
import { languageFor, languages, type Language } from '../../shared/i18n/language.ts';
import type { LanguageSetting } from '../../shared/model/settings.ts';

/** A catalogue key in the current language; {{count}} among the values picks the plural form. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export interface ShellWords {
  readonly t: Translate;
  /** The language the words are in now, for dates and times written beside them. */
  readonly language: () => Language;
  /** Follows a language setting; true when the language changed, so what shows words must be redrawn. */
  readonly apply: (setting: LanguageSetting) => boolean;
}

/**
 * English until the first apply(): Electron knows the system's languages only once ready. `systemLanguages` gives them,
 * best first, for "system".
 */
export function createShellWords(systemLanguages: () => readonly string[]): ShellWords {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    fallbackLng: 'en',
    supportedLngs: languages,
    // The catalogues are bundled: ready at once.
    initAsync: false,
    // Menus and dialogs are plain text, not HTML.
    interpolation: { escapeValue: false },
  });
  let language: Language = 'en';
  // A fixed t per language: no global current language to wait for.
  let fixed: TFunction = i18n.getFixedT(language);
  return {
    t: (key, values) => fixed(key, { ...values }),
    language: () => language,
    apply(next) {
      const wanted = languageFor(next, systemLanguages());
      if (wanted === language) return false;
      language = wanted;
      fixed = i18n.getFixedT(language);
      return true;
    },
  };
}
