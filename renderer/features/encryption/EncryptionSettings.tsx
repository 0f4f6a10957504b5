// The account's encryption panel (OMEMO, XEP-0384): this device's id and fingerprint with the QR code other clients scan
// to verify it, where its keys are kept, and our other devices with their trust and last-seen, to verify or distrust.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import type { DeviceTrust } from '../../../shared/model/encryption.ts';
import { buildVerificationUri } from '../../../shared/model/omemo-uri.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useOmemoDevices } from '../../omemo-sync.ts';
import { useOmemo } from '../../stores/omemo.ts';
import { useSettings } from '../../stores/settings.ts';
import { DeviceList } from './DeviceList.tsx';
import { QrCode } from './QrCode.tsx';
import { VerifyCode } from './VerifyCode.tsx';

export function EncryptionSettings({ account }: { readonly account: Account }) {
  const id = useId();
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const online = account.connection.status === 'online';
  const devices = useOmemoDevices(account.id, account.jid, (failure) => setError(messageOf(failure)));
  const keychain = useSettings((state) => state.secretStorage) === 'os-keychain';
  const own = devices?.own;
  const uri = own?.fingerprint === undefined ? undefined : buildVerificationUri(account.jid, { deviceId: own.deviceId, fingerprint: own.fingerprint });

  const decide = (deviceId: number, trust: Exclude<DeviceTrust, 'undecided'>) =>
    void call('omemo.setTrust', { accountId: account.id, jid: account.jid, deviceId, trust }).then(
      (answer) => useOmemo.getState().loaded(account.id, account.jid, answer),
      (failure: unknown) => setError(messageOf(failure)),
    );

  return (
    <section aria-labelledby={`${id}-title`} className="stack encryption-settings">
      <h3 id={`${id}-title`}>{t('encryption.panelTitle')}</h3>
      <p className="hint">{keychain ? t('encryption.keysKeychain') : t('encryption.keysFile')}</p>
      {!devices && !online && <p className="hint">{t('encryption.signInFirst', { jid: account.jid })}</p>}
      {error !== undefined && online && <Alert>{error}</Alert>}
      {own && (
        <>
          <h4 id={`${id}-own`}>{t('encryption.thisDevice', { device: own.deviceId })}</h4>
          <div className="own-device" aria-labelledby={`${id}-own`} role="group">
            {uri !== undefined && <QrCode text={uri} label={t('encryption.qrLabel', { device: own.deviceId })} />}
            <div className="stack">
              <code className="fingerprint">{own.fingerprint ?? t('encryption.noFingerprint')}</code>
              <p className="hint">{t('encryption.qrHint')}</p>
              {uri !== undefined && (
                <code className="verification-uri" aria-label={t('encryption.uriLabel')}>
                  {uri}
                </code>
              )}
            </div>
          </div>
          <h4>{t('encryption.otherDevices')}</h4>
          {devices.devices.length === 0 ? <p className="hint">{t('encryption.noOtherDevices')}</p> : <DeviceList devices={devices.devices} onDecide={decide} />}
          {devices.devices.length > 0 && <VerifyCode accountId={account.id} jid={account.jid} />}
        </>
      )}
    </section>
  );
}
