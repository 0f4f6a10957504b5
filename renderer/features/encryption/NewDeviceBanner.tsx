// Above a conversation with a contact who has a verified device: a device of theirs (or of ours) appeared that awaits a
// decision, so nothing is encrypted for it (XEP-0384 §8, blind trust ends at the first verification). Show the devices,
// trust it, or verify it by its code; or dismiss the banner.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OmemoDevice } from '../../../shared/model/encryption.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useOmemoDevices } from '../../omemo-sync.ts';
import { selectNewDevices, useOmemo } from '../../stores/omemo.ts';
import { useShallow } from 'zustand/react/shallow';
import { useUi } from '../../stores/ui.ts';
import { VerifyCode } from './VerifyCode.tsx';

interface NewDeviceBannerProps {
  readonly accountId: string;
  readonly peer: string;
  readonly name: string;
  readonly ownJid: string;
}

function Banner({ accountId, jid, name, device }: { readonly accountId: string; readonly jid: string; readonly name: string | undefined; readonly device: OmemoDevice }) {
  const id = useId();
  const { t } = useTranslation();
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<string>();
  const trust = () =>
    void call('omemo.setTrust', { accountId, jid, deviceId: device.deviceId, trust: 'trusted' }).then(
      (answer) => useOmemo.getState().loaded(accountId, jid, answer),
      (failure: unknown) => setError(messageOf(failure)),
    );
  // Kept by the core: the banner stays dismissed after a restart, and comes back only for another new device.
  const dismiss = () =>
    void call('omemo.dismissNewDevice', { accountId, jid, deviceId: device.deviceId }).then(
      (answer) => useOmemo.getState().loaded(accountId, jid, answer),
      (failure: unknown) => setError(messageOf(failure)),
    );
  // Ours are listed in the settings' encryption panel; a contact's in their details.
  const show = () => (name === undefined ? useUi.getState().setSettingsOpen(true) : useUi.getState().showContact(accountId, jid));
  const text = name === undefined ? t('encryption.newOwnDevice', { device: device.deviceId }) : t('encryption.newDevice', { name, device: device.deviceId });
  return (
    <section className="request-bar new-device-bar" aria-labelledby={`${id}-text`}>
      <p id={`${id}-text`}>{text}</p>
      {device.fingerprint !== undefined && (
        <p className="hint">
          {t('encryption.newDeviceFingerprint')} <code className="fingerprint">{device.fingerprint}</code>
        </p>
      )}
      <div className="actions start">
        <button type="button" onClick={show}>
          {t('encryption.showDevices')}
        </button>
        {device.fingerprint !== undefined && (
          <button type="button" onClick={trust}>
            {t('encryption.trustIt')}
          </button>
        )}
        <button type="button" aria-expanded={verifying} onClick={() => setVerifying((open) => !open)}>
          {t('encryption.verifyIt')}
        </button>
        <button type="button" className="quiet" onClick={dismiss}>
          {t('encryption.dismiss')}
        </button>
      </div>
      {verifying && <VerifyCode accountId={accountId} jid={jid} name={name} autoFocus />}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}

export function NewDeviceBanner({ accountId, peer, name, ownJid }: NewDeviceBannerProps) {
  // The locks on this conversation's messages read these too.
  useOmemoDevices(accountId, peer);
  useOmemoDevices(accountId, ownJid);
  const theirs = useOmemo(useShallow((state) => selectNewDevices(state, accountId, peer)));
  const ours = useOmemo(useShallow((state) => (ownJid === '' ? [] : selectNewDevices(state, accountId, ownJid))));
  return (
    <>
      {theirs.map((device) => (
        <Banner key={`peer ${String(device.deviceId)}`} accountId={accountId} jid={peer} name={name} device={device} />
      ))}
      {ours.map((device) => (
        <Banner key={`own ${String(device.deviceId)}`} accountId={accountId} jid={ownJid} name={undefined} device={device} />
      ))}
    </>
  );
}

