// Declined invitations slice (XEP-0045 §7.8.2): per account, who declined an invitation of ours to which room, until read.
import { create } from 'zustand';

export interface Decline {
  readonly room: string;
  readonly from: string;
  readonly reason?: string;
}

export interface DeclinesState {
  readonly byAccount: Readonly<Record<string, readonly Decline[]>>;
}

const none: readonly Decline[] = [];
const same = (a: Decline, b: Pick<Decline, 'room' | 'from'>) => a.room === b.room && a.from === b.from;

/** A newer decline by the same person to the same room replaces the earlier one. */
export function applyDecline(state: DeclinesState, accountId: string, decline: Decline): DeclinesState {
  const kept = (state.byAccount[accountId] ?? none).filter((each) => !same(each, decline));
  return { byAccount: { ...state.byAccount, [accountId]: [...kept, decline] } };
}

export function applyDismiss(state: DeclinesState, accountId: string, decline: Pick<Decline, 'room' | 'from'>): DeclinesState {
  const held = state.byAccount[accountId] ?? none;
  if (!held.some((each) => same(each, decline))) return state;
  return { byAccount: { ...state.byAccount, [accountId]: held.filter((each) => !same(each, decline)) } };
}

export function selectDeclines(state: DeclinesState, accountId: string): readonly Decline[] {
  return state.byAccount[accountId] ?? none;
}

interface DeclinesActions {
  readonly declined: (accountId: string, decline: Decline) => void;
  readonly dismiss: (accountId: string, decline: Pick<Decline, 'room' | 'from'>) => void;
}

export const useDeclines = create<DeclinesState & DeclinesActions>()((set) => ({
  byAccount: {},
  declined: (accountId, decline) => set((state) => applyDecline(state, accountId, decline)),
  dismiss: (accountId, decline) => set((state) => applyDismiss(state, accountId, decline)),
}));
