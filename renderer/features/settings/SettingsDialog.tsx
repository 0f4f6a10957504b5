// Settings: theme, language, notifications, presence, privacy, the avatar, blocked contacts, debug logging and where the
// log is, adding an account, removing the current one.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DebugLoggingSchema, type DebugLogging } from '../../../shared/model/settings.ts';
import { LanguageSettings } from './LanguageSettings.tsx';
import type { Account } from '../../../shared/model/account.ts';
import { Alert } from '../../components/Alert.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useSettingsUpdate } from './use-settings-update.ts';
import { useUi } from '../../stores/ui.ts';
import { BlockedContacts } from '../blocking/BlockedContacts.tsx';
import { EncryptionSettings } from '../encryption/EncryptionSettings.tsx';
import { AppearanceSettings } from './AppearanceSettings.tsx';
import { AvatarSettings } from './AvatarSettings.tsx';
import { MessageSettings } from './MessageSettings.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';
import { PresenceSettings } from './PresenceSettings.tsx';
import { PrivacySettings } from './PrivacySettings.tsx';
import { RemoveAccount } from './RemoveAccount.tsx';

export function SettingsDialog({ account }: { readonly account: Account | undefined }) {
  const id = useId();
  const { t } = useTranslation();
  const { settings, logFile, version } = useSettings();
  const loggingLabels: Readonly<Record<DebugLogging, string>> = { off: t('logs.off'), stanzas: t('logs.stanzas'), full: t('logs.full') };
  const loggingHints: Readonly<Record<DebugLogging, string>> = { off: t('logs.offHint'), stanzas: t('logs.stanzasHint'), full: t('logs.fullHint') };
  const { update, error } = useSettingsUpdate();
  const close = () => useUi.getState().setSettingsOpen(false);
  const setLogging = (debugLogging: DebugLogging) => update({ debugLogging });

  return (
    <Modal titleId={`${id}-title`} onCancel={close} className="settings">
      <div className="dialog-head">
        <h2 id={`${id}-title`}>{t('settings.title')}</h2>
        <button type="button" className="quiet" onClick={close}>
          {t('common.close')}
        </button>
      </div>

      <AppearanceSettings />
      <LanguageSettings />
      <NotificationSettings />
      <PresenceSettings />
      <PrivacySettings />
      <MessageSettings />

      {account && <AvatarSettings key={account.id} account={account} />}

      {account && <EncryptionSettings key={account.id} account={account} />}

      {account && <BlockedContacts accountId={account.id} />}

      <section aria-labelledby={`${id}-logs`} className="stack">
        <h3 id={`${id}-logs`}>{t('logs.title')}</h3>
        <div className="field">
          <label htmlFor={`${id}-logging`}>{t('logs.level')}</label>
          <select
            id={`${id}-logging`}
            value={settings.debugLogging}
            aria-describedby={`${id}-logging-hint`}
            onChange={(event) => void setLogging(DebugLoggingSchema.parse(event.target.value))}
          >
            {DebugLoggingSchema.options.map((level) => (
              <option key={level} value={level}>
                {loggingLabels[level]}
              </option>
            ))}
          </select>
          <p id={`${id}-logging-hint`} className={settings.debugLogging === 'full' ? 'hint warning' : 'hint'}>
            {loggingHints[settings.debugLogging]}
          </p>
        </div>
        <div className="field">
          <span id={`${id}-file`} className="label">
            {t('logs.file')}
          </span>
          <code className="path" aria-labelledby={`${id}-file`}>
            {logFile}
          </code>
        </div>
        {error !== undefined && <Alert>{error}</Alert>}
      </section>

      <section aria-labelledby={`${id}-accounts`} className="stack">
        <h3 id={`${id}-accounts`}>{t('settings.accounts')}</h3>
        {account && <RemoveAccount key={account.id} account={account} onRemoved={close} />}
        <div className="actions start">
          <button type="button" onClick={() => useUi.getState().setAddingAccount(true)}>
            {t('settings.addAccount')}
          </button>
        </div>
      </section>

      <p className="version">Causette {version}</p>
    </Modal>
  );
}
