// How a connection state reads to a person: "Online", "Reconnecting in 12 s (attempt 3)", "Offline: <reason>".
import type { ConnectionState } from '../../../shared/model/account.ts';
import { errorText } from '../../i18n/errors.ts';
import { i18n } from '../../i18n/index.ts';

/** A whole countdown in words: "12 s", "1 min 5 s", "2 h 3 min"; never negative. */
export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  if (total < 60) return i18n.t('countdown.seconds', { seconds: total });
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return minutes > 0 ? i18n.t('countdown.hoursMinutes', { hours, minutes }) : i18n.t('countdown.hours', { hours });
  return seconds > 0 ? i18n.t('countdown.minutesSeconds', { minutes, seconds }) : i18n.t('countdown.minutes', { minutes });
}

/**
 * A state label in parts: the countdown is kept apart so that screen readers, which hear the rest
 * through a live region, are not told the time every second.
 */
export interface StateLabel {
  readonly lead: string;
  /** "in 12 s" or "now"; only while reconnecting. */
  readonly countdown?: string;
  readonly tail?: string;
}

export function stateLabelParts(state: ConnectionState, now: number): StateLabel {
  switch (state.status) {
    case 'online':
      return { lead: i18n.t('connection.online') };
    case 'connecting':
      return { lead: i18n.t('connection.connecting') };
    case 'offline':
      return { lead: state.reason ? i18n.t('connection.offlineBecause', { reason: errorText(state.reason) }) : i18n.t('connection.offline') };
    case 'reconnecting': {
      const left = state.nextAttemptAt - now;
      return {
        lead: i18n.t('connection.reconnecting'),
        countdown: left >= 500 ? i18n.t('connection.in', { time: formatCountdown(left) }) : i18n.t('connection.now'),
        tail: i18n.t('connection.attempt', { attempt: state.attempt }),
      };
    }
  }
}

/** The whole label as one line of text. */
export function stateLabel(state: ConnectionState, now: number): string {
  const { lead, countdown, tail } = stateLabelParts(state, now);
  return [lead, countdown, tail].filter((part) => part !== undefined).join(' ');
}

/** Whether the state wants a password before the next sign-in. */
export function needsPassword(state: ConnectionState): boolean {
  return state.status === 'offline' && (state.reason?.code === 'not-authorized' || state.reason?.code === 'password-required');
}

/** Whether the account is trying or succeeding to be online (so the button offers "Disconnect"). */
export function isActive(state: ConnectionState): boolean {
  return state.status !== 'offline';
}
