// The contact's OMEMO devices in their details (XEP-0384): our fingerprint to compare, each of theirs with its trust, and
// the decisions: verify after comparing, trust without verifying, or stop encrypting for it. Keys never leave main.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTrust, OmemoDevice, OmemoDevices } from '../../../shared/model/encryption.ts';
import { call, messageOf } from '../../api.ts';

interface EncryptionDevicesProps {
  readonly accountId: string;
  readonly jid: string;
}

function TrustWord({ device }: { readonly device: OmemoDevice }) {
  const { t } = useTranslation();
  const words: Readonly<Record<DeviceTrust, string>> = {
    verified: t('encryption.verified'),
    trusted: t('encryption.trusted'),
    untrusted: t('encryption.untrusted'),
    undecided: device.used ? t('encryption.blind') : t('encryption.undecided'),
  };
  return <span className={`trust trust-${device.trust}`}>{words[device.trust]}</span>;
}

export function EncryptionDevices({ accountId, jid }: EncryptionDevicesProps) {
  const id = useId();
  const { t } = useTranslation();
  const [devices, setDevices] = useState<OmemoDevices | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    call('omemo.devices', { accountId, jid }).then(
      (answer) => live && setDevices(answer),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [accountId, jid]);

  const decide = (deviceId: number, trust: Exclude<DeviceTrust, 'undecided'>) =>
    void call('omemo.setTrust', { accountId, jid, deviceId, trust }).then(setDevices, (failure: unknown) => setError(messageOf(failure)));

  return (
    <section className="stack encryption-devices" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('encryption.devicesTitle')}</h3>
      {error !== undefined && <p role="alert">{error}</p>}
      {devices && (
        <>
          <p className="hint">
            {t('encryption.ownFingerprint', { device: devices.own.deviceId })} <code className="fingerprint">{devices.own.fingerprint}</code>
          </p>
          {devices.devices.length === 0 ? (
            <p className="hint">{t('encryption.noDevices')}</p>
          ) : (
            <ul className="resources omemo-devices">
              {devices.devices.map((device) => (
                <li key={device.deviceId} className="resource">
                  <span className="resource-name">{t('encryption.device', { device: device.deviceId })}</span>
                  <code className="fingerprint">{device.fingerprint ?? t('encryption.noFingerprint')}</code>
                  <TrustWord device={device} />
                  {device.fingerprint !== undefined && (
                    <span className="actions">
                      {device.trust !== 'verified' && (
                        <button type="button" className="quiet" onClick={() => decide(device.deviceId, 'verified')}>
                          {t('encryption.verify', { device: device.deviceId })}
                        </button>
                      )}
                      {device.trust === 'untrusted' ? (
                        <button type="button" className="quiet" onClick={() => decide(device.deviceId, 'trusted')}>
                          {t('encryption.trust', { device: device.deviceId })}
                        </button>
                      ) : (
                        <button type="button" className="quiet" onClick={() => decide(device.deviceId, 'untrusted')}>
                          {t('encryption.distrust', { device: device.deviceId })}
                        </button>
                      )}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
