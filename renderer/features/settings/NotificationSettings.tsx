// Browser mode: the user allows desktop notifications here (a browser asks only from a click). The desktop app needs no permission.
import { useId, useState } from 'react';
import { askNotificationPermission, webNotificationsAvailable } from '../../notifications.ts';

const explanations: Readonly<Record<NotificationPermission, string>> = {
  default: 'Causette can tell you about new messages while you are in another tab or window.',
  granted: 'Notifications are on: new messages show one, except in the conversation you are reading or a muted one.',
  denied: 'This browser blocks notifications from Causette. Allow them in the site settings of the browser, then reload the page.',
};

export function NotificationSettings() {
  const id = useId();
  const [permission, setPermission] = useState<NotificationPermission>(() => (webNotificationsAvailable() ? window.Notification.permission : 'denied'));

  if (!webNotificationsAvailable()) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>Notifications</h3>
      <p className="hint">{explanations[permission]}</p>
      {permission === 'default' && (
        <div className="actions start">
          <button type="button" onClick={() => void askNotificationPermission().then(setPermission)}>
            Enable notifications
          </button>
        </div>
      )}
    </section>
  );
}
