// Notifications in the browser mode (Web Notifications API), and opening the conversation a notification names.
import messageSound from '../assets/sounds/message.wav';
import type { EventPayload } from '../shared/ipc/contract.ts';
import type { Api } from './api.ts';
import { useUi } from './stores/ui.ts';
import { i18n } from './i18n/index.ts';
import { invitationWords } from '../shared/i18n/invitation-words.ts';
import { offerWords } from '../shared/i18n/offer-words.ts';

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

/** The bundled chime; a browser may refuse to play it before the page had a click, which is no error worth telling. */
function playMessageSound(player: HTMLAudioElement): void {
  player.currentTime = 0;
  player.play().catch(() => undefined);
}

/**
 * Both hosts: ui.openConversation shows the conversation. In the browser mode, chat.notify plays the sound when the
 * settings want one, and becomes a Web notification once the user allowed them; the core sends none while muted or for
 * the conversation being looked at. The desktop app's notifications come from the main process.
 */
export function startNotifications(api: Api, web: boolean): void {
  api.on('ui.openConversation', openConversation);
  if (!web) return;
  let player: HTMLAudioElement | undefined;
  // One per conversation: a newer one replaces it.
  const shown = new Map<string, Notification>();
  api.on('chat.notify', (payload) => {
    if (payload.sound) playMessageSound((player ??= new Audio(messageSound)));
    if (!webNotificationsAvailable() || window.Notification.permission !== 'granted') return;
    const key = `${payload.accountId} ${payload.peer}`;
    shown.get(key)?.close();
    // The Notifications API shows body and title as plain text; the sound is ours, so the system's stays quiet.
    const notification = new window.Notification(payload.title, { body: payload.body, tag: key, silent: true });
    shown.set(key, notification);
    notification.onclose = () => {
      if (shown.get(key) === notification) shown.delete(key);
    };
    notification.onclick = () => {
      notification.close();
      openConversation(payload);
    };
  });
  // XEP-0045 §7.8 / XEP-0249: a contact's invitation; the invitations list in the sidebar holds its answers.
  api.on('muc.invited', ({ invitation, sound }) => {
    if (sound) playMessageSound((player ??= new Audio(messageSound)));
    if (!webNotificationsAvailable() || window.Notification.permission !== 'granted') return;
    const { title, body } = invitationWords(i18n.t.bind(i18n), invitation);
    const notification = new window.Notification(title, { body, tag: `invitation ${invitation.room}`, silent: true });
    notification.onclick = () => {
      notification.close();
      window.focus();
    };
  });
  // XEP-0234: a file offered to us; the conversation holds Accept and Decline.
  const offers = new Map<string, Notification>();
  api.on('transfer.offered', (payload) => {
    if (payload.sound) playMessageSound((player ??= new Audio(messageSound)));
    if (!webNotificationsAvailable() || window.Notification.permission !== 'granted') return;
    const { title, body } = offerWords(i18n.t.bind(i18n), i18n.language, payload);
    const notification = new window.Notification(title, { body, tag: `offer ${payload.transferId}`, silent: true });
    offers.set(payload.transferId, notification);
    notification.onclose = () => {
      if (offers.get(payload.transferId) === notification) offers.delete(payload.transferId);
    };
    notification.onclick = () => {
      notification.close();
      openConversation(payload);
    };
  });
  // Accepted, declined or withdrawn: the offer's notification has nothing left to ask.
  api.on('transfer.updated', ({ id, state }) => {
    if (state !== 'pending') offers.get(id)?.close();
  });
  // Read here or on another device: its notification has nothing left to say.
  api.on('chat.conversation', ({ accountId, conversation }) => {
    if (conversation.unread === 0 || conversation.muted) shown.get(`${accountId} ${conversation.peer}`)?.close();
  });
}
