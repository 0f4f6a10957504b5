// Desktop notifications for chat.notify and file offers (transfer.offered); a click shows the window on that conversation.
// The core sends none for the conversation the user is looking at (the renderer reports it only while the window is
// visible and focused).
// Electron's Notification is passed in, so tests drive it with a stand-in.
import type { EventPayload } from '../shared/ipc/contract.ts';
import type { Core } from './core/core-api.ts';
import { invitationWords } from '../shared/i18n/invitation-words.ts';
import { offerWords } from '../shared/i18n/offer-words.ts';
import type { Translate } from './i18n/words.ts';
import { onCoreEvents } from './tray/core-events.ts';

export interface ShownNotification {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export interface NotificationClass {
  new (options: { title: string; body: string; icon?: string; silent?: boolean }): ShownNotification;
  isSupported(): boolean;
}

/** What notifications need of the window; main.ts owns it. */
export interface NotifyingWindow {
  show(): void;
  /** Tells the (possibly reloaded) renderer to show this conversation. */
  openConversation(conversation: EventPayload<'ui.openConversation'>): void;
}

export interface NotificationOptions {
  readonly Notification: NotificationClass;
  readonly core: Pick<Core, 'onEvent' | 'logger'>;
  readonly window: NotifyingWindow;
  readonly platform: NodeJS.Platform;
  readonly icon?: string;
  /** The shell's words, for what the core sends without them (an invitation, a file offer). */
  readonly t: Translate;
  /** The language of those words, for a file's size beside them. */
  readonly language?: () => string;
}

/**
 * Linux notification servers read the body as markup (freedesktop Desktop Notifications spec, "Markup"); a message is
 * plain text, so its <, > and & are escaped there. Other systems show the text as given.
 */
export function notificationText(platform: NodeJS.Platform, text: string): string {
  if (platform !== 'linux') return text;
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Starts showing notifications; returns the way to stop (and close those still shown). */
export function startNotifications(options: NotificationOptions): () => void {
  const { Notification, core, window, platform } = options;
  if (!Notification.isSupported()) {
    core.logger.info('This system shows no desktop notifications');
    return () => undefined;
  }
  // One per conversation: a newer one replaces it. Held here so a click still finds its listener.
  const shown = new Map<string, ShownNotification>();

  /** Shows one notification under `key`, replacing the one shown under it before; `onClick` runs on its click. */
  function show(key: string, words: { readonly title: string; readonly body: string; readonly sound: boolean }, onClick: () => void): void {
    shown.get(key)?.close();
    const notification = new Notification({
      title: notificationText(platform, words.title),
      body: notificationText(platform, words.body),
      // The system's notification sound, when the user wants one (Settings → Notifications).
      silent: !words.sound,
      ...(options.icon === undefined ? {} : { icon: options.icon }),
    });
    shown.set(key, notification);
    notification.on('close', () => {
      if (shown.get(key) === notification) shown.delete(key);
    });
    notification.on('click', onClick);
    notification.show();
  }

  const openConversation = (accountId: string, peer: string) => () => {
    window.show();
    window.openConversation({ accountId, peer });
  };

  function notify(payload: EventPayload<'chat.notify'>): void {
    show(`${payload.accountId}\u0000${payload.peer}`, payload, openConversation(payload.accountId, payload.peer));
  }

  function invited({ accountId, invitation, sound }: EventPayload<'muc.invited'>): void {
    const words = invitationWords((key, values) => options.t(key, values), invitation);
    // The invitation waits in the sidebar, with Join and Decline.
    show(`${accountId}\u0000invitation ${invitation.room}`, { ...words, sound }, () => window.show());
  }

  function offered(payload: EventPayload<'transfer.offered'>): void {
    const words = offerWords((key, values) => options.t(key, values), options.language?.() ?? 'en', payload);
    // The offer waits in the conversation, with Accept and Decline.
    show(`offer ${payload.transferId}`, { ...words, sound: payload.sound }, openConversation(payload.accountId, payload.peer));
  }

  const unsubscribe = onCoreEvents(core, {
    'chat.notify': notify,
    'muc.invited': invited,
    'transfer.offered': offered,
    // Accepted, declined or withdrawn: the offer's notification has nothing left to ask.
    'transfer.updated': ({ id, state }) => {
      if (state !== 'pending') shown.get(`offer ${id}`)?.close();
    },
    // Read here or on another device: its notification has nothing left to say.
    'chat.conversation': ({ accountId, conversation }) => {
      if (conversation.unread === 0 || conversation.muted) shown.get(`${accountId}\u0000${conversation.peer}`)?.close();
    },
  });
  return () => {
    unsubscribe();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  };
}
