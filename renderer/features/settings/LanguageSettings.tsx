// The interface's language: the system's (the default), English or French; kept in the settings like the others.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { preferredLanguage, type Language } from '../../../shared/i18n/language.ts';
import { LanguageSettingSchema, type LanguageSetting } from '../../../shared/model/settings.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';

/** Each language named in itself, so that a reader lost in the wrong one finds their own. */
const ownNames: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français' };

export function LanguageSettings() {
  const id = useId();
  const { t } = useTranslation();
  const chosen = useSettings((state) => state.settings.language);
  const { update, error } = useSettingsUpdate();
  const system = ownNames[preferredLanguage(navigator.languages)];

  async function choose(value: string) {
    const parsed = LanguageSettingSchema.safeParse(value);
    if (parsed.success) await update({ language: parsed.data });
  }

  const label = (setting: LanguageSetting) => (setting === 'system' ? t('language.system', { language: system }) : ownNames[setting]);
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('language.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('language.label')}</label>
        <select id={`${id}-language`} value={chosen} aria-describedby={`${id}-hint`} onChange={(event) => void choose(event.target.value)}>
          {LanguageSettingSchema.options.map((setting) => (
            <option key={setting} value={setting} lang={setting === 'system' ? undefined : setting}>
              {label(setting)}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="hint">
          {t('language.hint')}
        </p>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
