// One account's OMEMO devices (XEP-0384 §8), one row each: its id, the version spoken with it, fingerprint, trust, when a message from it was last
// decrypted, and the decisions: verify after comparing, trust without verifying, or stop encrypting for it.
import { useTranslation } from 'react-i18next';
import type { DeviceTrust, OmemoDevice } from '../../../shared/model/encryption.ts';
import { locale } from '../../i18n/index.ts';

interface DeviceListProps {
  readonly devices: readonly OmemoDevice[];
  readonly onDecide: (deviceId: number, trust: Exclude<DeviceTrust, 'undecided'>) => void;
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

function LastSeen({ at }: { readonly at: number | undefined }) {
  const { t } = useTranslation();
  if (at === undefined) return <span className="hint last-seen">{t('encryption.neverSeen')}</span>;
  const when = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  return (
    <span className="hint last-seen">
      {t('encryption.lastSeen')} <time dateTime={new Date(at).toISOString()}>{when}</time>
    </span>
  );
}

export function DeviceList({ devices, onDecide }: DeviceListProps) {
  const { t } = useTranslation();
  return (
    <ul className="resources omemo-devices">
      {devices.map((device) => (
        <li key={device.deviceId} className="resource omemo-device" aria-label={t('encryption.device', { device: device.deviceId })}>
          <span className="resource-name">{t('encryption.device', { device: device.deviceId })}</span>
          {device.version !== undefined && <span className="omemo-version">{device.version === 'omemo2' ? t('encryption.omemo2') : t('encryption.omemo03')}</span>}
          <code className="fingerprint">{device.fingerprint ?? t('encryption.noFingerprint')}</code>
          <TrustWord device={device} />
          <LastSeen at={device.lastSeen} />
          {device.fingerprint !== undefined && (
            <span className="actions start">
              {device.trust !== 'verified' && (
                <button type="button" className="quiet" onClick={() => onDecide(device.deviceId, 'verified')}>
                  {t('encryption.verify', { device: device.deviceId })}
                </button>
              )}
              {device.trust === 'untrusted' || (device.trust === 'undecided' && !device.used) ? (
                <button type="button" className="quiet" onClick={() => onDecide(device.deviceId, 'trusted')}>
                  {t('encryption.trust', { device: device.deviceId })}
                </button>
              ) : null}
              {device.trust !== 'untrusted' && (
                <button type="button" className="quiet" onClick={() => onDecide(device.deviceId, 'untrusted')}>
                  {t('encryption.distrust', { device: device.deviceId })}
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
