// Browser mode: the user allows desktop notifications here (a browser asks only from a click). The desktop app needs no permission.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { askNotificationPermission, webNotificationsAvailable } from '../../notifications.ts';

export function NotificationSettings() {
  const id = useId();
  const { t } = useTranslation();
  const explanations: Readonly<Record<NotificationPermission, string>> = {
    default: t('notifications.default'),
    granted: t('notifications.granted'),
    denied: t('notifications.denied'),
  };
  const [permission, setPermission] = useState<NotificationPermission>(() => (webNotificationsAvailable() ? window.Notification.permission : 'denied'));

  if (!webNotificationsAvailable()) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('notifications.title')}</h3>
      <p className="hint">{explanations[permission]}</p>
      {permission === 'default' && (
        <div className="actions start">
          <button type="button" onClick={() => void askNotificationPermission().then(setPermission)}>
            {t('notifications.enable')}
          </button>
        </div>
      )}
    </section>
  );
}
