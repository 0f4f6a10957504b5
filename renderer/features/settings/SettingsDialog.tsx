// Settings: presence (auto-away, tray), debug logging and where the log is, adding an account, removing the current one.
import { useId, useState } from 'react';
import { DebugLoggingSchema, type DebugLogging } from '../../../shared/model/settings.ts';
import type { Account } from '../../../shared/model/account.ts';
import { call, isDesktop, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useUi } from '../../stores/ui.ts';
import { BlockedContacts } from '../blocking/BlockedContacts.tsx';
import { AvatarSettings } from './AvatarSettings.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';
import { PresenceSettings } from './PresenceSettings.tsx';
import { PrivacySettings } from './PrivacySettings.tsx';
import { RemoveAccount } from './RemoveAccount.tsx';

const loggingLabels: Readonly<Record<DebugLogging, string>> = {
  off: 'Off',
  stanzas: 'Stanzas (redacted)',
  full: 'Full',
};

const loggingHints: Readonly<Record<DebugLogging, string>> = {
  off: 'Only errors are written down.',
  stanzas: 'What goes over the network is logged, with passwords and message texts hidden.',
  full: 'Everything but passwords is logged, message texts included. Turn it off after use.',
};

export function SettingsDialog({ account }: { readonly account: Account | undefined }) {
  const id = useId();
  const { settings, logFile, version } = useSettings();
  const [error, setError] = useState<string>();
  const close = () => useUi.getState().setSettingsOpen(false);

  async function setLogging(debugLogging: DebugLogging) {
    setError(undefined);
    try {
      useSettings.getState().updated(await call('settings.update', { debugLogging }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <Modal titleId={`${id}-title`} onCancel={close} className="settings">
      <div className="dialog-head">
        <h2 id={`${id}-title`}>Settings</h2>
        <button type="button" className="quiet" onClick={close}>
          Close
        </button>
      </div>

      <PresenceSettings />
      <PrivacySettings />

      {!isDesktop() && <NotificationSettings />}

      {account && <AvatarSettings key={account.id} account={account} />}

      {account && <BlockedContacts accountId={account.id} />}

      <section aria-labelledby={`${id}-logs`} className="stack">
        <h3 id={`${id}-logs`}>Troubleshooting</h3>
        <div className="field">
          <label htmlFor={`${id}-logging`}>Debug logging</label>
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
            Log file
          </span>
          <code className="path" aria-labelledby={`${id}-file`}>
            {logFile}
          </code>
        </div>
        {error !== undefined && <Alert>{error}</Alert>}
      </section>

      <section aria-labelledby={`${id}-accounts`} className="stack">
        <h3 id={`${id}-accounts`}>Accounts</h3>
        {account && <RemoveAccount key={account.id} account={account} onRemoved={close} />}
        <div className="actions start">
          <button type="button" onClick={() => useUi.getState().setAddingAccount(true)}>
            Add account
          </button>
        </div>
      </section>

      <p className="version">Causette {version}</p>
    </Modal>
  );
}
