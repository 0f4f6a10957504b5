// The tray's menu, tooltip and icon as plain data, built from the accounts' own presence. No Electron here:
// tray.ts turns this into a Menu, so every rule below is unit-tested without a desktop, in either language.
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { ConnectionState } from '../../shared/model/account.ts';
import { isMuted, MUTE_DURATIONS, muteEndText, type MuteDuration } from '../../shared/model/mute.ts';
import type { OwnPresence, OwnShow } from '../../shared/model/presence.ts';
import type { NotificationMute } from '../../shared/model/settings.ts';
import type { Translate } from '../i18n/words.ts';

export type Invisibility = EventPayload<'presence.ownChanged'>['invisibility'];

export interface AccountTrayState {
  readonly connection: ConnectionState['status'];
  /** Undefined until the core has reported this account's own presence. */
  readonly presence?: Pick<OwnPresence, 'show' | 'auto'>;
  readonly invisibility: Invisibility;
}

export interface TrayState {
  readonly accounts: readonly AccountTrayState[];
  readonly recentStatuses: readonly string[];
  readonly unread: number;
  readonly windowVisible: boolean;
  /** The global mute of notifications, as the settings hold it. */
  readonly mute: NotificationMute;
  readonly now: number;
  /** The language of `t`, for the time a mute ends. */
  readonly language: string;
}

/** What a menu item does; tray.ts runs it through the same core handlers the renderer calls. */
export type TrayAction =
  | { readonly kind: 'presence'; readonly show: OwnShow }
  | { readonly kind: 'status'; readonly show: OwnShow; readonly text: string }
  /** Show the window with the status message field focused. */
  | { readonly kind: 'edit-status' }
  | { readonly kind: 'show-window' }
  | { readonly kind: 'toggle-window' }
  | { readonly kind: 'mute'; readonly duration: MuteDuration }
  | { readonly kind: 'unmute' }
  | { readonly kind: 'quit' };

export type TrayItem =
  | { readonly type: 'separator' }
  | { readonly type: 'label'; readonly label: string }
  | { readonly type: 'action'; readonly label: string; readonly enabled: boolean; readonly action: TrayAction }
  | { readonly type: 'radio'; readonly label: string; readonly enabled: boolean; readonly checked: boolean; readonly action: TrayAction }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly TrayItem[] };

export interface TrayView {
  readonly items: readonly TrayItem[];
  readonly tooltip: string;
  /** Names the icon file: assets/tray/<icon>-<light|dark>.png. */
  readonly icon: OwnShow;
}

/** Most available first: the aggregate of several accounts is the first state any of them is in. */
const availability: readonly OwnShow[] = ['chat', 'online', 'away', 'xa', 'dnd', 'invisible', 'offline'];

const stateLabels: Readonly<Record<OwnShow, (t: Translate) => string>> = {
  chat: (t) => t('shell.tray.state.chat'),
  online: (t) => t('shell.tray.state.online'),
  away: (t) => t('shell.tray.state.away'),
  xa: (t) => t('shell.tray.state.xa'),
  dnd: (t) => t('shell.tray.state.dnd'),
  invisible: (t) => t('shell.tray.state.invisible'),
  offline: (t) => t('shell.tray.state.offline'),
};

/** The menu offers five choices; chat and xa are shown as their nearest choice. */
const choices: readonly { readonly show: OwnShow; readonly label: (t: Translate) => string; readonly covers: readonly OwnShow[] }[] = [
  { show: 'online', label: (t) => t('shell.tray.available'), covers: ['online', 'chat'] },
  { show: 'away', label: stateLabels.away, covers: ['away', 'xa'] },
  { show: 'dnd', label: stateLabels.dnd, covers: ['dnd'] },
  { show: 'invisible', label: stateLabels.invisible, covers: ['invisible'] },
  { show: 'offline', label: stateLabels.offline, covers: ['offline'] },
];

const muteLabels: Readonly<Record<MuteDuration, (t: Translate) => string>> = {
  hour: (t) => t('notifications.muteHour'),
  eightHours: (t) => t('notifications.muteEightHours'),
  always: (t) => t('notifications.muteAlways'),
};

const recentShown = 5;
const recentLabelLength = 48;

function mostAvailable(shows: readonly OwnShow[]): OwnShow {
  return availability.find((show) => shows.includes(show)) ?? 'offline';
}

/** What the user asked for on this account; a signed-in account that has not reported yet is available. */
function wantedShow(account: AccountTrayState): OwnShow {
  return account.presence?.show ?? (account.connection === 'online' ? 'online' : 'offline');
}

/** The state others see: the most available state across signed-in accounts, offline when none is. */
export function aggregateShow(accounts: readonly AccountTrayState[]): OwnShow {
  return mostAvailable(accounts.filter((account) => account.connection === 'online').map(wantedShow));
}

function stateLabel(accounts: readonly AccountTrayState[], shown: OwnShow, wanted: OwnShow, t: Translate): string {
  if (accounts.length === 0) return t('shell.tray.noAccount');
  if (shown === 'offline' && wanted !== 'offline') {
    return accounts.some((a) => a.connection === 'connecting' || a.connection === 'reconnecting') ? t('shell.tray.connecting') : t('shell.tray.notConnected');
  }
  // Auto-away is Causette's doing, not the user's: say so, since it undoes itself.
  const idle = accounts.some((a) => a.connection === 'online' && a.presence?.show === shown && a.presence.auto !== undefined);
  const state = stateLabels[shown](t);
  return idle ? t('shell.tray.idle', { state }) : state;
}

/** While muted, until when and a way back; otherwise the durations to mute for, as the settings offer them. */
function muteItems(state: TrayState, t: Translate): TrayItem[] {
  const { mute, now } = state;
  if (!isMuted(mute, now)) {
    const durations = MUTE_DURATIONS.map((duration): TrayItem => ({ type: 'action', label: muteLabels[duration](t), enabled: true, action: { kind: 'mute', duration } }));
    return [{ type: 'submenu', label: t('notifications.mute'), items: durations }];
  }
  const label = mute.kind === 'until' ? t('shell.tray.mutedUntil', { time: muteEndText(mute.until, now, state.language) }) : t('shell.tray.mutedAlways');
  return [
    { type: 'label', label },
    { type: 'action', label: t('shell.tray.unmute'), enabled: true, action: { kind: 'unmute' } },
  ];
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > recentLabelLength ? `${line.slice(0, recentLabelLength - 1)}…` : line;
}

export function buildTrayView(state: TrayState, t: Translate): TrayView {
  const { accounts, unread } = state;
  const shown = aggregateShow(accounts);
  const wanted = mostAvailable(accounts.map(wantedShow));
  const label = stateLabel(accounts, shown, wanted, t);
  const hasAccount = accounts.length > 0;
  // Invisibility needs server support (XEP-0186 or XEP-0126); offer it while any account may have it.
  const canHide = accounts.some((a) => a.invisibility !== 'unavailable');
  // Choosing a status message while offline means coming online with it.
  const statusShow: OwnShow = wanted === 'offline' ? 'online' : wanted;

  const items: TrayItem[] = [{ type: 'label', label }, { type: 'separator' }];
  for (const choice of choices) {
    const enabled = hasAccount && (choice.show !== 'invisible' || canHide);
    items.push({ type: 'radio', label: choice.label(t), enabled, checked: hasAccount && choice.covers.includes(wanted), action: { kind: 'presence', show: choice.show } });
  }
  items.push({ type: 'separator' }, { type: 'action', label: t('shell.tray.statusMessage'), enabled: hasAccount, action: { kind: 'edit-status' } });
  for (const text of state.recentStatuses.filter((status) => status.trim() !== '').slice(0, recentShown)) {
    items.push({ type: 'action', label: shorten(text), enabled: hasAccount, action: { kind: 'status', show: statusShow, text } });
  }
  items.push({ type: 'separator' }, ...muteItems(state, t), { type: 'separator' });
  if (unread > 0) items.push({ type: 'action', label: t('shell.tray.unread', { count: unread }), enabled: true, action: { kind: 'show-window' } });
  items.push(
    { type: 'action', label: state.windowVisible ? t('shell.tray.hide') : t('shell.tray.show'), enabled: true, action: { kind: 'toggle-window' } },
    { type: 'separator' },
    { type: 'action', label: t('shell.tray.quit'), enabled: true, action: { kind: 'quit' } },
  );

  const tooltip = unread > 0 ? t('shell.tray.tooltipUnread', { state: label, count: unread }) : t('shell.tray.tooltip', { state: label });
  return { items, tooltip, icon: shown };
}
