// How the dialog says until when notifications are muted: the time today, else the day and the time.
import type { NotificationMute } from '../../../shared/model/settings.ts';
import { isMuted } from '../../../shared/model/mute.ts';
import { i18n, locale } from '../../i18n/index.ts';

/** "15:30" (or "3:30 PM") today, "Tuesday 02:30" another day, in the interface's language. */
export function muteEndText(until: number, now: number, language: string): string {
  const end = new Date(until);
  const sameDay = end.toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, { ...(sameDay ? {} : { weekday: 'long' }), hour: 'numeric', minute: '2-digit' }).format(end);
}

/** What the dialog shows while muted; undefined when notifications are not muted (any more). */
export function muteStateText(mute: NotificationMute, now: number): string | undefined {
  if (!isMuted(mute, now)) return undefined;
  if (mute.kind !== 'until') return i18n.t('notifications.mutedAlways');
  return i18n.t('notifications.mutedUntil', { time: muteEndText(mute.until, now, locale()) });
}
