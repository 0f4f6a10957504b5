// User settings kept in the profile's store.
import { z } from 'zod';

/** off: errors only; stanzas: stanza-level debug with passwords and bodies redacted; full: nothing redacted but passwords. */
export const DebugLoggingSchema = z.enum(['off', 'stanzas', 'full']);
export type DebugLogging = z.infer<typeof DebugLoggingSchema>;

export const SettingsSchema = z.object({
  debugLogging: DebugLoggingSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const defaultSettings: Settings = { debugLogging: 'off' };
