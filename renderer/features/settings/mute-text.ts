// How the dialog says until when notifications are muted (shared/model/mute.ts words the end).
import type { NotificationMute } from '../../../shared/model/settings.ts';
import { isMuted, muteEndText } from '../../../shared/model/mute.ts';
import { i18n, locale } from '../../i18n/index.ts';

/** What the dialog shows while muted; undefined when notifications are not muted (any more). */
export function muteStateText(mute: NotificationMute, now: number): string | undefined {
  if (!isMuted(mute, now)) return undefined;
  if (mute.kind !== 'until') return i18n.t('notifications.mutedAlways');
  return i18n.t('notifications.mutedUntil', { time: muteEndText(mute.until, now, locale()) });
}
