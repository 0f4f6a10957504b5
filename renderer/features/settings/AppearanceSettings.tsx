// The theme: the system's (the default), light or dark; applied at once by renderer/theme.ts.
import { useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ThemeSettingSchema, type ThemeSetting } from '../../../shared/model/settings.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Whether the system is dark now, following its changes, so that "System (…)" names what it shows. */
function useSystemDark(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = darkQuery();
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => darkQuery().matches,
  );
}

export function AppearanceSettings() {
  const id = useId();
  const { t } = useTranslation();
  const chosen = useSettings((state) => state.settings.theme);
  const { update, error } = useSettingsUpdate();
  const systemDark = useSystemDark();
  const labels: Readonly<Record<ThemeSetting, string>> = {
    system: systemDark ? t('theme.systemDark') : t('theme.systemLight'),
    light: t('theme.light'),
    dark: t('theme.dark'),
  };

  function choose(value: string) {
    const parsed = ThemeSettingSchema.safeParse(value);
    if (parsed.success) void update({ theme: parsed.data });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('theme.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-theme`}>{t('theme.label')}</label>
        <select id={`${id}-theme`} value={chosen} aria-describedby={`${id}-hint`} onChange={(event) => choose(event.target.value)}>
          {ThemeSettingSchema.options.map((setting) => (
            <option key={setting} value={setting}>
              {labels[setting]}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="hint">
          {t('theme.hint')}
        </p>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
