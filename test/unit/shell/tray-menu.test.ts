import { describe, expect, it } from 'vitest';
import { aggregateShow, buildTrayView, type AccountTrayState, type TrayItem, type TrayState } from '../../../electron/tray/tray-menu.ts';
import type { OwnShow } from '../../../shared/model/presence.ts';
import type { Translate } from '../../../electron/i18n/words.ts';
import { english, french } from './words-in.ts';

const online = (show: OwnShow, extra: Partial<AccountTrayState> = {}): AccountTrayState => ({
  connection: 'online',
  presence: { show },
  invisibility: 'xep-0186',
  ...extra,
});
const offline: AccountTrayState = { connection: 'offline', presence: { show: 'offline' }, invisibility: 'unknown' };

function view(partial: Partial<TrayState>, t: Translate = english) {
  return buildTrayView({ accounts: [online('online')], recentStatuses: [], unread: 0, windowVisible: true, mute: { kind: 'off' }, now: Date.now(), language: 'en', ...partial }, t);
}
const labels = (items: readonly TrayItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));
const labelled = (items: readonly TrayItem[], label: string) => items.find((item) => item.type !== 'separator' && item.label === label);
const radios = (items: readonly TrayItem[]) => items.filter((item) => item.type === 'radio');

describe('tray menu model', () => {
  it('lays out state, presence choices, status message, window toggle and quit', () => {
    const { items } = view({});
    expect(labels(items)).toEqual([
      'Online', '---', 'Available', 'Away', 'Do not disturb', 'Invisible', 'Offline', '---', 'Set status message…', '---', 'Mute notifications', '---', 'Hide Causette', '---', 'Quit Causette',
    ]);
    expect(items[0]).toEqual({ type: 'label', label: 'Online' });
  });

  it('gives each item a typed action', () => {
    const { items } = view({ windowVisible: false });
    expect(labelled(items, 'Do not disturb')).toMatchObject({ type: 'radio', action: { kind: 'presence', show: 'dnd' } });
    expect(labelled(items, 'Set status message…')).toMatchObject({ action: { kind: 'edit-status' } });
    expect(labelled(items, 'Show Causette')).toMatchObject({ action: { kind: 'toggle-window' } });
    expect(labelled(items, 'Quit Causette')).toMatchObject({ action: { kind: 'quit' } });
  });

  it('checks the choice covering the wanted state: chat as Available, auto xa as Away', () => {
    const checked = (accounts: AccountTrayState[]) => radios(view({ accounts }).items).filter((item) => item.checked).map((item) => item.label);
    expect(checked([online('chat')])).toEqual(['Available']);
    expect(checked([online('xa', { presence: { show: 'xa', auto: 'xa' } })])).toEqual(['Away']);
    expect(checked([online('dnd')])).toEqual(['Do not disturb']);
    expect(checked([offline])).toEqual(['Offline']);
  });

  it('takes the most available state across signed-in accounts for the icon, offline when none is', () => {
    expect(aggregateShow([online('away'), online('dnd'), online('online')])).toBe('online');
    expect(aggregateShow([online('dnd'), online('xa')])).toBe('xa');
    expect(aggregateShow([online('invisible'), online('dnd')])).toBe('dnd');
    // A reconnecting account's wanted state is not what contacts see.
    expect(aggregateShow([{ ...online('online'), connection: 'reconnecting' }, online('away')])).toBe('away');
    expect(aggregateShow([offline])).toBe('offline');
    expect(aggregateShow([])).toBe('offline');
    expect(view({ accounts: [online('away'), offline] }).icon).toBe('away');
  });

  it('counts a signed-in account that has not reported its presence yet as online', () => {
    expect(aggregateShow([{ connection: 'online', invisibility: 'unknown' }])).toBe('online');
  });

  it('says when Causette set away by itself, and when it is still connecting', () => {
    expect(view({ accounts: [online('away', { presence: { show: 'away', auto: 'away' } })] }).items[0]).toEqual({ type: 'label', label: 'Away (idle)' });
    expect(view({ accounts: [{ connection: 'connecting', presence: { show: 'online' }, invisibility: 'unknown' }] }).items[0]).toMatchObject({ label: 'Connecting…' });
    expect(view({ accounts: [{ connection: 'offline', presence: { show: 'dnd' }, invisibility: 'unknown' }] }).items[0]).toMatchObject({ label: 'Not connected' });
  });

  it('disables Invisible only when every account reports it unavailable', () => {
    const invisible = (accounts: AccountTrayState[]) => labelled(view({ accounts }).items, 'Invisible');
    expect(invisible([online('online', { invisibility: 'unavailable' })])).toMatchObject({ enabled: false });
    expect(invisible([online('online', { invisibility: 'unavailable' }), online('online', { invisibility: 'unknown' })])).toMatchObject({ enabled: true });
  });

  it('offers recent statuses keeping the wanted state, coming online when offline', () => {
    const recentStatuses = ['In a meeting', 'Lunch', '  ', 'a', 'b', 'c', 'd'];
    const busy = view({ accounts: [online('dnd')], recentStatuses }).items.filter((item) => item.type === 'action' && item.action.kind === 'status');
    expect(busy.map((item) => item.type !== 'separator' && item.label)).toEqual(['In a meeting', 'Lunch', 'a', 'b', 'c']);
    expect(busy[0]).toMatchObject({ action: { kind: 'status', show: 'dnd', text: 'In a meeting' } });
    expect(labelled(view({ accounts: [offline], recentStatuses }).items, 'Lunch')).toMatchObject({ action: { kind: 'status', show: 'online', text: 'Lunch' } });
  });

  it('shortens a long status to one line in the menu but sends it whole', () => {
    const long = `Working\non ${'x'.repeat(80)}`;
    const item = view({ recentStatuses: [long] }).items.find((entry) => entry.type === 'action' && entry.action.kind === 'status');
    expect(item).toMatchObject({ label: expect.stringMatching(/^Working on x+…$/) as unknown, action: { text: long } });
    expect(item?.type !== 'separator' && item?.label.length).toBe(48);
  });

  it('shows unread messages in the menu and the tooltip', () => {
    const { items, tooltip } = view({ unread: 2 });
    expect(labelled(items, 'Unread: 2')).toMatchObject({ action: { kind: 'show-window' } });
    expect(tooltip).toBe('Causette — Online (2 unread)');
    expect(view({ unread: 0 }).tooltip).toBe('Causette — Online');
    expect(labelled(view({ unread: 0 }).items, 'Unread: 0')).toBeUndefined();
  });

  it('without accounts, disables the presence and status items but keeps window and quit', () => {
    const { items, tooltip, icon } = view({ accounts: [], recentStatuses: ['Lunch'] });
    expect(tooltip).toBe('Causette — No account');
    expect(icon).toBe('offline');
    const gated = items.filter((item) => item.type === 'radio' || (item.type === 'action' && ['edit-status', 'status'].includes(item.action.kind)));
    expect(labels(gated)).toEqual(['Available', 'Away', 'Do not disturb', 'Invisible', 'Offline', 'Set status message…', 'Lunch']);
    for (const item of gated) expect(item).toMatchObject({ enabled: false });
    expect(radios(items).some((item) => item.checked)).toBe(false);
    expect(labelled(items, 'Quit Causette')).toMatchObject({ enabled: true });
  });

  it('speaks French: the same layout, the states, idle and connecting, plurals of the unread count', () => {
    expect(labels(view({ windowVisible: false }, french).items)).toEqual([
      'En ligne', '---', 'Disponible', 'Absent', 'Ne pas déranger', 'Invisible', 'Hors ligne', '---', 'Définir un message d’état…', '---', 'Suspendre les notifications', '---', 'Afficher Causette', '---', 'Quitter Causette',
    ]);
    expect(view({ accounts: [online('chat')] }, french).items[0]).toMatchObject({ label: 'Disponible pour discuter' });
    expect(view({ accounts: [online('xa', { presence: { show: 'xa', auto: 'xa' } })] }, french).items[0]).toMatchObject({ label: 'Absent pour longtemps (inactif)' });
    expect(view({ accounts: [{ connection: 'reconnecting', presence: { show: 'online' }, invisibility: 'unknown' }] }, french).items[0]).toMatchObject({ label: 'Connexion…' });
    expect(view({ accounts: [{ connection: 'offline', presence: { show: 'dnd' }, invisibility: 'unknown' }] }, french).items[0]).toMatchObject({ label: 'Non connecté' });
    expect(view({ accounts: [] }, french).tooltip).toBe('Causette — Aucun compte');
    const one = view({ unread: 1 }, french);
    expect(one.tooltip).toBe('Causette — En ligne (1 non lu)');
    expect(labelled(one.items, 'Non lu\u202f: 1')).toMatchObject({ action: { kind: 'show-window' } });
    const two = view({ unread: 2 }, french);
    expect(two.tooltip).toBe('Causette — En ligne (2 non lus)');
    expect(labelled(two.items, 'Non lus\u202f: 2')).toBeDefined();
  });

  it('offers to mute notifications for the durations the settings offer, in a submenu', () => {
    const mute = labelled(view({}).items, 'Mute notifications');
    expect(mute).toMatchObject({ type: 'submenu' });
    const items = mute?.type === 'submenu' ? mute.items : [];
    expect(items.map((item) => (item.type === 'action' ? [item.label, item.action] : item.type))).toEqual([
      ['For 1 hour', { kind: 'mute', duration: 'hour' }],
      ['For 8 hours', { kind: 'mute', duration: 'eightHours' }],
      ['Until I turn them back on', { kind: 'mute', duration: 'always' }],
    ]);
  });

  it('says until when notifications are muted and offers them back, in either language', () => {
    const now = new Date(2026, 11, 3, 14, 30).getTime();
    const until = { kind: 'until', until: new Date(2026, 11, 3, 15, 30).getTime() } as const;
    const muted = view({ mute: until, now });
    expect(labelled(muted.items, 'Mute notifications')).toBeUndefined();
    expect(labelled(muted.items, 'Notifications muted until 3:30 PM')).toEqual({ type: 'label', label: 'Notifications muted until 3:30 PM' });
    expect(labelled(muted.items, 'Turn notifications back on')).toMatchObject({ action: { kind: 'unmute' } });
    const inFrench = view({ mute: until, now, language: 'fr' }, french);
    expect(labelled(inFrench.items, 'Notifications suspendues jusqu’à 15:30')).toBeDefined();
    expect(labelled(view({ mute: { kind: 'always' } }, french).items, 'Réactiver les notifications')).toBeDefined();
    expect(labelled(view({ mute: { kind: 'always' } }).items, 'Notifications muted')).toBeDefined();
    // Past its end a mute is as if it were off.
    expect(labelled(view({ mute: until, now: until.until + 1 }).items, 'Mute notifications')).toBeDefined();
  });
});
