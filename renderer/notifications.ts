// Notifications in the browser mode (Web Notifications API), and opening the conversation a notification names.
import type { EventPayload } from '../shared/ipc/contract.ts';
import type { Api } from './api.ts';
import { useUi } from './stores/ui.ts';

type Target = EventPayload<'ui.openConversation'>;

/** Brings the window forward on the conversation (a notification was clicked). */
export function openConversation({ accountId, peer }: Target): void {
  window.focus();
  useUi.getState().showChat(accountId, peer);
}

/** Whether this browser can show notifications at all (the desktop app shows its own from the main process). */
export function webNotificationsAvailable(): boolean {
  return typeof window.Notification === 'function';
}

/** Asks the browser's permission; browsers allow the question only from a click. */
export async function askNotificationPermission(): Promise<NotificationPermission> {
  return webNotificationsAvailable() ? window.Notification.requestPermission() : 'denied';
}

/**
 * Both hosts: ui.openConversation shows the conversation. In the browser mode, chat.notify also becomes a Web
 * notification once the user allowed them; the core sends none for the conversation being looked at.
 */
export function startNotifications(api: Api, web: boolean): void {
  api.on('ui.openConversation', openConversation);
  if (!web || !webNotificationsAvailable()) return;
  // One per conversation: a newer one replaces it.
  const shown = new Map<string, Notification>();
  api.on('chat.notify', (payload) => {
    if (window.Notification.permission !== 'granted') return;
    const key = `${payload.accountId} ${payload.peer}`;
    shown.get(key)?.close();
    // The Notifications API shows body and title as plain text.
    const notification = new window.Notification(payload.title, { body: payload.body, tag: key });
    shown.set(key, notification);
    notification.onclose = () => {
      if (shown.get(key) === notification) shown.delete(key);
    };
    notification.onclick = () => {
      notification.close();
      openConversation(payload);
    };
  });
  // Read here or on another device: its notification has nothing left to say.
  api.on('chat.conversation', ({ accountId, conversation }) => {
    if (conversation.unread === 0 || conversation.muted) shown.get(`${accountId} ${conversation.peer}`)?.close();
  });
}
