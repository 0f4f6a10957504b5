// Who learns that we received or read their messages, or that we are typing (XEP-0184 §8: it tells that we are online).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ShareChatActivitySchema, type ShareChatActivity } from '../../../shared/model/settings.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';

export function PrivacySettings() {
  const id = useId();
  const { t } = useTranslation();
  const choices: Readonly<Record<ShareChatActivity, string>> = { everyone: t('privacy.everyone'), contacts: t('privacy.contacts') };
  const shared = useSettings((state) => state.settings.shareChatActivity);
  const [error, setError] = useState<string>();

  async function choose(value: string) {
    const parsed = ShareChatActivitySchema.safeParse(value);
    if (!parsed.success) return;
    setError(undefined);
    try {
      useSettings.getState().updated(await call('settings.update', { shareChatActivity: parsed.data }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('privacy.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-share`}>{t('privacy.share')}</label>
        <select id={`${id}-share`} value={shared} onChange={(event) => void choose(event.target.value)}>
          {ShareChatActivitySchema.options.map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('privacy.hint')}</p>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
