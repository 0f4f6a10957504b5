// The contact's OMEMO devices in their details (XEP-0384): our fingerprint to compare, each of theirs with its trust and
// last-seen, the decisions on each, and a field for the code their QR holds. Keys never leave main.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTrust } from '../../../shared/model/encryption.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useOmemoDevices } from '../../omemo-sync.ts';
import { useOmemo } from '../../stores/omemo.ts';
import { DeviceList } from './DeviceList.tsx';
import { VerifyCode } from './VerifyCode.tsx';

interface EncryptionDevicesProps {
  readonly accountId: string;
  readonly jid: string;
  /** The contact's name, for the verification field. */
  readonly name: string;
}

export function EncryptionDevices({ accountId, jid, name }: EncryptionDevicesProps) {
  const id = useId();
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>(undefined);
  const devices = useOmemoDevices(accountId, jid, (failure) => setError(messageOf(failure)));

  const decide = (deviceId: number, trust: Exclude<DeviceTrust, 'undecided'>) =>
    void call('omemo.setTrust', { accountId, jid, deviceId, trust }).then(
      (answer) => useOmemo.getState().loaded(accountId, jid, answer),
      (failure: unknown) => setError(messageOf(failure)),
    );

  return (
    <section className="stack encryption-devices" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('encryption.devicesTitle')}</h3>
      {error !== undefined && <Alert>{error}</Alert>}
      {devices && (
        <>
          <p className="hint">
            {t('encryption.ownFingerprint', { device: devices.own.deviceId })} <code className="fingerprint">{devices.own.fingerprint}</code>
          </p>
          {devices.devices.length === 0 ? <p className="hint">{t('encryption.noDevices')}</p> : <DeviceList devices={devices.devices} onDecide={decide} />}
          {devices.devices.length > 0 && <VerifyCode accountId={accountId} jid={jid} name={name} />}
        </>
      )}
    </section>
  );
}
