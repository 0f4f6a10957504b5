// Who learns that we received or read their messages, or that we are typing (XEP-0184 §8: it tells that we are online),
// whether messages from strangers wait as message requests, and whether file transfers may offer our addresses (XEP-0260 §6.1).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ShareChatActivitySchema, type ShareChatActivity } from '../../../shared/model/settings.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';

export function PrivacySettings() {
  const id = useId();
  const { t } = useTranslation();
  const choices: Readonly<Record<ShareChatActivity, string>> = { everyone: t('privacy.everyone'), contacts: t('privacy.contacts') };
  const shared = useSettings((state) => state.settings.shareChatActivity);
  const holdRequests = useSettings((state) => state.settings.holdRequests);
  const directTransfers = useSettings((state) => state.settings.directTransfers);
  const { update, error } = useSettingsUpdate();
  function choose(value: string) {
    const parsed = ShareChatActivitySchema.safeParse(value);
    if (parsed.success) void update({ shareChatActivity: parsed.data });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('privacy.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-share`}>{t('privacy.share')}</label>
        <select id={`${id}-share`} value={shared} onChange={(event) => choose(event.target.value)}>
          {ShareChatActivitySchema.options.map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('privacy.hint')}</p>
      <div className="field check">
        <input
          id={`${id}-requests`}
          type="checkbox"
          aria-describedby={`${id}-requests-hint`}
          checked={holdRequests}
          onChange={(event) => void update({ holdRequests: event.target.checked })}
        />
        <label htmlFor={`${id}-requests`}>{t('privacy.holdRequests')}</label>
      </div>
      <p id={`${id}-requests-hint`} className="hint">
        {t('privacy.holdRequestsHint')}
      </p>
      <div className="field check">
        <input
          id={`${id}-direct`}
          type="checkbox"
          aria-describedby={`${id}-direct-hint`}
          checked={directTransfers}
          onChange={(event) => void update({ directTransfers: event.target.checked })}
        />
        <label htmlFor={`${id}-direct`}>{t('privacy.directTransfers')}</label>
      </div>
      <p id={`${id}-direct-hint`} className="hint">
        {t('privacy.directTransfersHint')}
      </p>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
