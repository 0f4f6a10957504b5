// Notifications: a sound with them or not, muting them all for a while, and (browser mode, where a browser asks only
// from a click) allowing them at all. The core applies sound and mute, so both hosts behave the same.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MUTE_DURATIONS, muteEndsIn, muteFor, type MuteDuration } from '../../../shared/model/mute.ts';
import { isDesktop } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { askNotificationPermission, webNotificationsAvailable } from '../../notifications.ts';
import { useSettings } from '../../stores/settings.ts';
import { muteStateText } from './mute-text.ts';
import { useSettingsUpdate } from './use-settings-update.ts';

export function NotificationSettings() {
  const id = useId();
  const { t } = useTranslation();
  const sound = useSettings((state) => state.settings.notificationSound);
  const mute = useSettings((state) => state.settings.muteNotifications);
  const { update, error } = useSettingsUpdate();
  const [duration, setDuration] = useState<MuteDuration>('hour');
  const [, setTick] = useState(0);
  const durations: Readonly<Record<MuteDuration, string>> = {
    hour: t('notifications.muteHour'),
    eightHours: t('notifications.muteEightHours'),
    always: t('notifications.muteAlways'),
  };

  // A time-limited mute ends by itself: the section then offers muting again.
  useEffect(() => {
    const left = muteEndsIn(mute, Date.now());
    if (left === undefined) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), left + 50);
    return () => clearTimeout(timer);
  }, [mute]);

  const mutedText = muteStateText(mute, Date.now());
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('notifications.title')}</h3>
      {!isDesktop() && <BrowserPermission />}
      <div className="field check">
        <input id={`${id}-sound`} type="checkbox" checked={sound} onChange={(event) => void update({ notificationSound: event.target.checked })} />
        <label htmlFor={`${id}-sound`}>{t('notifications.sound')}</label>
      </div>
      {mutedText === undefined ? (
        <div className="field">
          <label htmlFor={`${id}-mute`}>{t('notifications.mute')}</label>
          <div className="field-row">
            <select
              id={`${id}-mute`}
              value={duration}
              onChange={(event) => setDuration(MUTE_DURATIONS.find((each) => each === event.target.value) ?? 'hour')}
            >
              {MUTE_DURATIONS.map((each) => (
                <option key={each} value={each}>
                  {durations[each]}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void update({ muteNotifications: muteFor(duration, Date.now()) })}>
              {t('notifications.muteAction')}
            </button>
          </div>
        </div>
      ) : (
        <div className="muted-state">
          <p role="status">{mutedText}</p>
          <button type="button" onClick={() => void update({ muteNotifications: { kind: 'off' } })}>
            {t('notifications.unmute')}
          </button>
        </div>
      )}
      <p className="hint">{t('notifications.muteHint')}</p>
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}

/** The browser's own permission for notifications, which only a click may ask for. */
function BrowserPermission() {
  const { t } = useTranslation();
  const explanations: Readonly<Record<NotificationPermission, string>> = {
    default: t('notifications.default'),
    granted: t('notifications.granted'),
    denied: t('notifications.denied'),
  };
  const [permission, setPermission] = useState<NotificationPermission>(() => (webNotificationsAvailable() ? window.Notification.permission : 'denied'));
  if (!webNotificationsAvailable()) return null;
  return (
    <>
      <p className="hint">{explanations[permission]}</p>
      {permission === 'default' && (
        <div className="actions start">
          <button type="button" onClick={() => void askNotificationPermission().then(setPermission)}>
            {t('notifications.enable')}
          </button>
        </div>
      )}
    </>
  );
}
