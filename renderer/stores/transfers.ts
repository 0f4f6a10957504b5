// Transfers slice: every file transfer of this run by id, as the core last said it; failed ones stay until dismissed.
import { create } from 'zustand';
import type { Transfer } from '../../shared/model/transfer.ts';

export interface TransfersState {
  readonly byId: Readonly<Record<string, Transfer>>;
  /** Failed transfers the user has read: no longer shown in their conversation. */
  readonly dismissed: ReadonlySet<string>;
}

export const initialTransfers: TransfersState = { byId: {}, dismissed: new Set() };
const none: readonly Transfer[] = [];

export function applyTransfer(state: TransfersState, transfer: Transfer): TransfersState {
  return { ...state, byId: { ...state.byId, [transfer.id]: transfer } };
}

/** What the conversation shows above its composer: files being sent, and failures not yet dismissed, oldest first. */
export function selectConversationTransfers(state: TransfersState, accountId: string, peer: string): readonly Transfer[] {
  const shown = Object.values(state.byId).filter(
    (transfer) =>
      transfer.direction === 'out' &&
      transfer.accountId === accountId &&
      transfer.peer === peer &&
      (transfer.state === 'pending' || transfer.state === 'active' || (transfer.state === 'failed' && !state.dismissed.has(transfer.id))),
  );
  return shown.length === 0 ? none : shown.sort((a, b) => a.startedAt - b.startedAt);
}

/** The latest download of the file a message shares, if any: its card shows that one's progress and end. */
export function selectMessageDownload(state: TransfersState, messageId: string): Transfer | undefined {
  let latest: Transfer | undefined;
  for (const transfer of Object.values(state.byId)) {
    if (transfer.direction === 'in' && transfer.messageId === messageId && (!latest || transfer.startedAt >= latest.startedAt)) latest = transfer;
  }
  return latest;
}

interface TransfersActions {
  readonly updated: (transfer: Transfer) => void;
  readonly loaded: (transfers: readonly Transfer[]) => void;
  readonly dismiss: (id: string) => void;
}

export const useTransfers = create<TransfersState & TransfersActions>()((set) => ({
  ...initialTransfers,
  updated: (transfer) => set((state) => applyTransfer(state, transfer)),
  loaded: (transfers) => set((state) => transfers.reduce(applyTransfer, state)),
  dismiss: (id) => set((state) => ({ ...state, dismissed: new Set([...state.dismissed, id]) })),
}));
