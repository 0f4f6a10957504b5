// Blocking slice: per account, whether the server can block (XEP-0191) and report (XEP-0377), and the blocked addresses.
import { create } from 'zustand';
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { BlockList } from '../../shared/model/contact.ts';

export type AccountBlocking = Readonly<BlockList>;

export interface BlockingState {
  readonly byAccount: Readonly<Record<string, AccountBlocking>>;
}

export const initialBlocking: BlockingState = { byAccount: {} };

const unknown: AccountBlocking = { supported: false, reportSupported: false, jids: [] };

/** blocking.list replaces what was known of the account. */
export function applyBlockList(state: BlockingState, accountId: string, list: BlockList): BlockingState {
  return { byAccount: { ...state.byAccount, [accountId]: list } };
}

/** blocking.changed: the list as it now is; the server's offer stays as last learned. */
export function applyBlockingChanged(state: BlockingState, change: EventPayload<'blocking.changed'>): BlockingState {
  const before = state.byAccount[change.accountId] ?? unknown;
  return { byAccount: { ...state.byAccount, [change.accountId]: { ...before, jids: change.jids } } };
}

export function applyBlockingForget(state: BlockingState, accountId: string): BlockingState {
  if (!(accountId in state.byAccount)) return state;
  return { byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) };
}

export function selectBlocking(state: BlockingState, accountId: string | undefined): AccountBlocking {
  return (accountId === undefined ? undefined : state.byAccount[accountId]) ?? unknown;
}

export function selectIsBlocked(state: BlockingState, accountId: string | undefined, jid: string): boolean {
  return selectBlocking(state, accountId).jids.includes(jid);
}

interface BlockingActions {
  readonly loaded: (accountId: string, list: BlockList) => void;
  readonly changed: (change: EventPayload<'blocking.changed'>) => void;
  readonly forget: (accountId: string) => void;
}

export const useBlocking = create<BlockingState & BlockingActions>()((set) => ({
  ...initialBlocking,
  loaded: (accountId, list) => set((state) => applyBlockList(state, accountId, list)),
  changed: (change) => set((state) => applyBlockingChanged(state, change)),
  forget: (accountId) => set((state) => applyBlockingForget(state, accountId)),
}));
