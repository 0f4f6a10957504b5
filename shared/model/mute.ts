// The global mute of notifications: the durations offered, whether it still holds at a given time, and its end in words.
import type { NotificationMute } from './settings.ts';

export const MUTE_DURATIONS = ['hour', 'eightHours', 'always'] as const;
export type MuteDuration = (typeof MUTE_DURATIONS)[number];

const HOUR_MS = 60 * 60 * 1000;
const durationMs: Readonly<Record<Exclude<MuteDuration, 'always'>, number>> = { hour: HOUR_MS, eightHours: 8 * HOUR_MS };

/** The mute that starts now and lasts the chosen time. */
export function muteFor(duration: MuteDuration, now: number): NotificationMute {
  return duration === 'always' ? { kind: 'always' } : { kind: 'until', until: now + durationMs[duration] };
}

/** A time-limited mute ends by itself: past its time it is as if it were off. */
export function isMuted(mute: NotificationMute, now: number): boolean {
  return mute.kind === 'always' || (mute.kind === 'until' && now < mute.until);
}

/** Milliseconds until a time-limited mute ends; undefined for none that will end by itself. */
export function muteEndsIn(mute: NotificationMute, now: number): number | undefined {
  return mute.kind === 'until' && now < mute.until ? mute.until - now : undefined;
}

/** "15:30" (or "3:30 PM") today, "Tuesday 02:30" another day, in the given language. */
export function muteEndText(until: number, now: number, language: string): string {
  const end = new Date(until);
  const sameDay = end.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, { ...(sameDay ? {} : { weekday: 'long' }), hour: 'numeric', minute: '2-digit' }).format(end);
}
