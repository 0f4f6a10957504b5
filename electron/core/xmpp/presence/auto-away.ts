// Auto-away: from idle time and screen lock to the state Causette shows on the user's behalf (XEP-0319 says since when).
import type { OwnShow } from '../../../../shared/model/presence.ts';
import type { Settings } from '../../../../shared/model/settings.ts';

export type AutoShow = 'away' | 'xa';
export type AutoAwaySettings = Pick<Settings, 'autoAwayMinutes' | 'autoXaMinutes'>;

export interface Activity {
  readonly idleSeconds: number;
  readonly locked: boolean;
}

/** Only an available state the user chose can give way; dnd, invisible, offline and a chosen away or xa stay. */
const yields: ReadonlySet<OwnShow> = new Set(['chat', 'online']);

/** The automatic state to show instead of `chosen`, or undefined to show what the user chose. */
export function autoState(chosen: OwnShow, settings: AutoAwaySettings, activity: Activity): AutoShow | undefined {
  if (!yields.has(chosen)) return undefined;
  const xa = settings.autoXaMinutes > 0;
  const away = settings.autoAwayMinutes > 0;
  if (xa && activity.idleSeconds >= settings.autoXaMinutes * 60) return 'xa';
  // A locked screen or a suspend means the user has left, whatever the idle time says: away at once.
  if (activity.locked) return away || xa ? 'away' : undefined;
  if (away && activity.idleSeconds >= settings.autoAwayMinutes * 60) return 'away';
  return undefined;
}
