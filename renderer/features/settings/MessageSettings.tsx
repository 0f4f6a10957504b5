// Writing messages: whether Enter sends (Shift+Enter breaks the line) or Ctrl/Cmd+Enter does (Enter breaks the line).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SendWithSchema, type SendWith } from '../../../shared/model/settings.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';
import { ctrlName } from '../chat/send-keys.ts';

export function MessageSettings() {
  const id = useId();
  const { t } = useTranslation();
  const sendWith = useSettings((state) => state.settings.sendWith);
  const { update, error } = useSettingsUpdate();
  const choices: Readonly<Record<SendWith, string>> = { enter: t('sending.enter'), ctrlEnter: t('sending.ctrlEnter', { ctrl: ctrlName() }) };

  async function choose(value: string) {
    const parsed = SendWithSchema.safeParse(value);
    if (parsed.success) await update({ sendWith: parsed.data });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('sending.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-send`}>{t('sending.label')}</label>
        <select id={`${id}-send`} value={sendWith} onChange={(event) => void choose(event.target.value)}>
          {SendWithSchema.options.map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
