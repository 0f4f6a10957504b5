// Transfers slice: every file transfer of this run by id, as the core last said it, with the progress samples its speed
// is measured from; failed ones stay in their conversation until dismissed.
import { create } from 'zustand';
import type { Transfer } from '../../shared/model/transfer.ts';
import { addSample, type Sample } from '../features/transfers/rate.ts';

export interface TransfersState {
  readonly byId: Readonly<Record<string, Transfer>>;
  /** Failed transfers the user has read: no longer shown in their conversation. */
  readonly dismissed: ReadonlySet<string>;
  /** Recent progress of the transfers under way, for their speed and time left. */
  readonly samples: Readonly<Record<string, readonly Sample[]>>;
  /** Files dropped on a conversation or contact in the list that could not even start, said in that conversation. */
  readonly problems: Readonly<Record<string, string>>;
}

export const initialTransfers: TransfersState = { byId: {}, dismissed: new Set(), samples: {}, problems: {} };
export const conversationKey = (accountId: string, peer: string): string => `${accountId}\u0000${peer}`;
const none: readonly Transfer[] = [];
const noSamples: readonly Sample[] = [];

export function applyTransfer(state: TransfersState, transfer: Transfer, now: number = Date.now()): TransfersState {
  const { [transfer.id]: previous = noSamples, ...samples } = state.samples;
  return {
    ...state,
    byId: { ...state.byId, [transfer.id]: transfer },
    samples: transfer.state === 'active' ? { ...samples, [transfer.id]: addSample(previous, { at: now, done: transfer.done }) } : samples,
  };
}

/** A file offered to us by Jingle (XEP-0234), as opposed to a download of a shared link. */
export const isJingleIn = (transfer: Transfer): boolean => transfer.direction === 'in' && transfer.method !== 'upload';
export const isOffer = (transfer: Transfer): boolean => isJingleIn(transfer) && transfer.state === 'pending';

/**
 * What the conversation shows above its composer: files being sent, files offered to us or coming by Jingle, and
 * failures not yet dismissed, oldest first. Downloads of shared links show on their message's card instead.
 */
export function selectConversationTransfers(state: TransfersState, accountId: string, peer: string): readonly Transfer[] {
  const shown = Object.values(state.byId).filter(
    (transfer) =>
      (transfer.direction === 'out' || isJingleIn(transfer)) &&
      transfer.accountId === accountId &&
      transfer.peer === peer &&
      (transfer.state === 'pending' || transfer.state === 'active' || (transfer.state === 'failed' && !state.dismissed.has(transfer.id))),
  );
  return shown.length === 0 ? none : shown.sort((a, b) => a.startedAt - b.startedAt);
}

/** Every transfer of the run, the newest first, for the transfers panel. */
export function selectAllTransfers(state: TransfersState): readonly Transfer[] {
  const all = Object.values(state.byId);
  return all.length === 0 ? none : all.sort((a, b) => b.startedAt - a.startedAt);
}

/** How many transfers are under way or wait for an answer: the panel's button says so. */
export function selectOpenCount(state: TransfersState): number {
  return Object.values(state.byId).filter((transfer) => transfer.state === 'pending' || transfer.state === 'active').length;
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
  /** Sets or (undefined) clears what a conversation says of files that could not start. */
  readonly setProblem: (accountId: string, peer: string, problem: string | undefined) => void;
}

export const useTransfers = create<TransfersState & TransfersActions>()((set) => ({
  ...initialTransfers,
  updated: (transfer) => set((state) => applyTransfer(state, transfer)),
  loaded: (transfers) => set((state) => transfers.reduce<TransfersState>((next, transfer) => applyTransfer(next, transfer), state)),
  dismiss: (id) => set((state) => ({ ...state, dismissed: new Set([...state.dismissed, id]) })),
  setProblem: (accountId, peer, problem) =>
    set((state) => {
      const key = conversationKey(accountId, peer);
      const rest = Object.fromEntries(Object.entries(state.problems).filter(([each]) => each !== key));
      return { problems: problem === undefined ? rest : { ...rest, [key]: problem } };
    }),
}));
