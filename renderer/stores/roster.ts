// Roster slice: per account, its contacts (keyed by bare JID), pending requests and own presence.
import { create } from 'zustand';
import type { EventPayload, RosterSnapshot } from '../../shared/ipc/contract.ts';
import type { Contact, SubscriptionRequest } from '../../shared/model/contact.ts';
import type { OwnPresence } from '../../shared/model/presence.ts';

export type Invisibility = RosterSnapshot['invisibility'];

export interface AccountRoster {
  readonly contacts: ReadonlyMap<string, Contact>;
  readonly requests: readonly SubscriptionRequest[];
  readonly presence: OwnPresence;
  readonly recentStatuses: readonly string[];
  readonly invisibility: Invisibility;
  /** A roster.snapshot has filled it; before that, only the deltas seen so far. */
  readonly loaded: boolean;
  /** Why the last roster.snapshot failed, until one succeeds. */
  readonly loadError: string | undefined;
}

export interface RosterState {
  readonly byAccount: Readonly<Record<string, AccountRoster>>;
}

export const initialRoster: RosterState = { byAccount: {} };

export const emptyAccountRoster: AccountRoster = {
  contacts: new Map(),
  requests: [],
  presence: { show: 'offline', status: '', priority: 0 },
  recentStatuses: [],
  invisibility: 'unknown',
  loaded: false,
  loadError: undefined,
};

function withAccount(state: RosterState, accountId: string, change: (roster: AccountRoster) => AccountRoster): RosterState {
  const before = state.byAccount[accountId] ?? emptyAccountRoster;
  return { byAccount: { ...state.byAccount, [accountId]: change(before) } };
}

/** A snapshot replaces what was known of the account. */
export function applyRosterSnapshot(state: RosterState, accountId: string, snapshot: RosterSnapshot): RosterState {
  return withAccount(state, accountId, () => ({
    contacts: new Map(snapshot.contacts.map((contact) => [contact.jid, contact])),
    requests: snapshot.requests,
    presence: snapshot.presence,
    recentStatuses: snapshot.recentStatuses,
    invisibility: snapshot.invisibility,
    loaded: true,
    loadError: undefined,
  }));
}

/** roster.changed: upserts replace the contact with the same JID; removed JIDs go. */
export function applyRosterChanged(state: RosterState, change: EventPayload<'roster.changed'>): RosterState {
  if (change.upserts.length === 0 && change.removed.length === 0) return state;
  return withAccount(state, change.accountId, (roster) => {
    const contacts = new Map(roster.contacts);
    for (const jid of change.removed) contacts.delete(jid);
    for (const contact of change.upserts) contacts.set(contact.jid, contact);
    return { ...roster, contacts };
  });
}

export function applyRequests(state: RosterState, change: EventPayload<'subscription.requestsChanged'>): RosterState {
  return withAccount(state, change.accountId, (roster) => ({ ...roster, requests: change.requests }));
}

export function applyOwnPresence(state: RosterState, change: EventPayload<'presence.ownChanged'>): RosterState {
  const { accountId, presence, recentStatuses, invisibility } = change;
  return withAccount(state, accountId, (roster) => ({ ...roster, presence, recentStatuses, invisibility }));
}

export function applyLoadFailed(state: RosterState, accountId: string, message: string): RosterState {
  return withAccount(state, accountId, (roster) => ({ ...roster, loadError: message }));
}

export function applyForget(state: RosterState, accountId: string): RosterState {
  if (!(accountId in state.byAccount)) return state;
  return { byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) };
}

export function selectAccountRoster(state: RosterState, accountId: string | undefined): AccountRoster | undefined {
  return accountId === undefined ? undefined : state.byAccount[accountId];
}

export function selectContact(state: RosterState, accountId: string | undefined, jid: string | undefined): Contact | undefined {
  return jid === undefined ? undefined : selectAccountRoster(state, accountId)?.contacts.get(jid);
}

/** Every group name used in the account's roster, sorted, for suggestions. */
export function selectGroupNames(roster: AccountRoster | undefined): readonly string[] {
  const names = new Set<string>();
  for (const contact of roster?.contacts.values() ?? []) for (const group of contact.groups) names.add(group);
  return [...names].sort((a, b) => a.localeCompare(b));
}

interface RosterActions {
  readonly snapshot: (accountId: string, snapshot: RosterSnapshot) => void;
  readonly changed: (change: EventPayload<'roster.changed'>) => void;
  readonly requestsChanged: (change: EventPayload<'subscription.requestsChanged'>) => void;
  readonly ownChanged: (change: EventPayload<'presence.ownChanged'>) => void;
  readonly loadFailed: (accountId: string, message: string) => void;
  readonly forget: (accountId: string) => void;
}

export const useRoster = create<RosterState & RosterActions>()((set) => ({
  ...initialRoster,
  snapshot: (accountId, snapshot) => set((state) => applyRosterSnapshot(state, accountId, snapshot)),
  changed: (change) => set((state) => applyRosterChanged(state, change)),
  requestsChanged: (change) => set((state) => applyRequests(state, change)),
  ownChanged: (change) => set((state) => applyOwnPresence(state, change)),
  loadFailed: (accountId, message) => set((state) => applyLoadFailed(state, accountId, message)),
  forget: (accountId) => set((state) => applyForget(state, accountId)),
}));
