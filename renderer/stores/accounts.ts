// Accounts slice: the list from the snapshot, kept current by account.updated / account.removed events.
import { create } from 'zustand';
import type { Account } from '../../shared/model/account.ts';

export interface AccountsState {
  /** In the order the core listed them; new accounts go last. */
  readonly accounts: readonly Account[];
  /** The account shown in the main window; falls back to the first. */
  readonly selectedId: string | undefined;
}

export const initialAccounts: AccountsState = { accounts: [], selectedId: undefined };

/** A fresh snapshot replaces everything; the selection survives if its account still exists. */
export function applySnapshot(state: AccountsState, accounts: readonly Account[]): AccountsState {
  const selectedId = accounts.some((account) => account.id === state.selectedId) ? state.selectedId : undefined;
  return { accounts: [...accounts], selectedId };
}

/** An updated account replaces the one with its id, or is added at the end. */
export function applyUpdated(state: AccountsState, account: Account): AccountsState {
  const index = state.accounts.findIndex((existing) => existing.id === account.id);
  const accounts = index === -1 ? [...state.accounts, account] : state.accounts.with(index, account);
  return { ...state, accounts };
}

export function applyRemoved(state: AccountsState, accountId: string): AccountsState {
  if (!state.accounts.some((account) => account.id === accountId)) return state;
  return {
    accounts: state.accounts.filter((account) => account.id !== accountId),
    selectedId: state.selectedId === accountId ? undefined : state.selectedId,
  };
}

export function applySelected(state: AccountsState, accountId: string): AccountsState {
  return state.accounts.some((account) => account.id === accountId) ? { ...state, selectedId: accountId } : state;
}

export function selectSelectedAccount(state: AccountsState): Account | undefined {
  return state.accounts.find((account) => account.id === state.selectedId) ?? state.accounts[0];
}

export function selectAccount(state: AccountsState, accountId: string | undefined): Account | undefined {
  return accountId === undefined ? undefined : state.accounts.find((account) => account.id === accountId);
}

interface AccountsActions {
  readonly snapshot: (accounts: readonly Account[]) => void;
  readonly updated: (account: Account) => void;
  readonly removed: (accountId: string) => void;
  readonly select: (accountId: string) => void;
}

export const useAccounts = create<AccountsState & AccountsActions>()((set) => ({
  ...initialAccounts,
  snapshot: (accounts) => set((state) => applySnapshot(state, accounts)),
  updated: (account) => set((state) => applyUpdated(state, account)),
  removed: (accountId) => set((state) => applyRemoved(state, accountId)),
  select: (accountId) => set((state) => applySelected(state, accountId)),
}));
