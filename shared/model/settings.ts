// User settings kept in the profile's store.
import { z } from 'zod';

/** off: errors only; stanzas: stanza-level debug with passwords and bodies redacted; full: nothing redacted but passwords. */
export const DebugLoggingSchema = z.enum(['off', 'stanzas', 'full']);
export type DebugLogging = z.infer<typeof DebugLoggingSchema>;

export const ShareChatActivitySchema = z.enum(['everyone', 'contacts']);
export type ShareChatActivity = z.infer<typeof ShareChatActivitySchema>;

/** The interface's language: the system's, or one chosen in Settings. */
export const LanguageSettingSchema = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

/** Colours: the system's (light or dark as it says), or one chosen in Settings. */
export const ThemeSettingSchema = z.enum(['system', 'light', 'dark']);
export type ThemeSetting = z.infer<typeof ThemeSettingSchema>;

/** Notifications silenced for every conversation: not at all, until a time (ms since the epoch), or until turned back on. */
export const NotificationMuteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }).strict(),
  z.object({ kind: z.literal('until'), until: z.number().int().min(0) }).strict(),
  z.object({ kind: z.literal('always') }).strict(),
]);
export type NotificationMute = z.infer<typeof NotificationMuteSchema>;

/** Which keys send from the message box: Enter (Shift+Enter breaks the line), or Ctrl/Cmd+Enter (Enter breaks the line). */
export const SendWithSchema = z.enum(['enter', 'ctrlEnter']);
export type SendWith = z.infer<typeof SendWithSchema>;

export const SettingsSchema = z.object({
  debugLogging: DebugLoggingSchema,
  /** Minutes of idle before Causette sets "away" by itself; 0 turns it off. */
  autoAwayMinutes: z.number().int().min(0).max(1440),
  /** Minutes of idle before "extended away"; 0 turns it off. */
  autoXaMinutes: z.number().int().min(0).max(1440),
  /** Closing the window keeps Causette running in the tray. */
  closeToTray: z.boolean(),
  /**
   * Who gets our delivery receipts, read markers and typing notifications, which tell that we are online (XEP-0184 §8):
   * everyone who writes to us, or only contacts allowed to see our presence.
   */
  shareChatActivity: ShareChatActivitySchema,
  language: LanguageSettingSchema,
  /** Messages from someone outside the roster wait under "Message requests" until accepted (anti-spam). */
  holdRequests: z.boolean(),
  theme: ThemeSettingSchema,
  /** A sound goes with each new-message notification. */
  notificationSound: z.boolean(),
  muteNotifications: NotificationMuteSchema,
  sendWith: SendWithSchema,
  /** Jingle file transfers may offer our own addresses (XEP-0260 direct candidates) to contacts with a mutual subscription. */
  directTransfers: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const defaultSettings: Settings = {
  debugLogging: 'off',
  autoAwayMinutes: 5,
  autoXaMinutes: 20,
  closeToTray: true,
  shareChatActivity: 'contacts',
  language: 'system',
  holdRequests: true,
  theme: 'system',
  notificationSound: true,
  muteNotifications: { kind: 'off' },
  sendWith: 'enter',
  directTransfers: true,
};
