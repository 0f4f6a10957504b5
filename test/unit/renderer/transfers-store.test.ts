import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { applyTransfer, conversationKey, initialTransfers, isOffer, selectAllTransfers, selectConversationTransfers, selectOpenCount, useTransfers, type TransfersState } from '../../../renderer/stores/transfers.ts';

const base: Transfer = { id: 'x', accountId: 'a', peer: 'bob@example.org', direction: 'out', method: 'upload', name: 'f.bin', size: 1_000, done: 0, state: 'pending', startedAt: 0 };
const make = (fields: Partial<Transfer>): Transfer => ({ ...base, ...fields });
const fold = (transfers: readonly [Transfer, number][]): TransfersState => transfers.reduce<TransfersState>((state, [transfer, at]) => applyTransfer(state, transfer, at), initialTransfers);

describe('the transfers slice', () => {
  it('shows in the conversation what is sent and what Jingle offers or brings, not downloads of shared links', () => {
    const state = fold([
      [make({ id: 'sent', startedAt: 1 }), 0],
      [make({ id: 'offer', direction: 'in', method: 'direct', state: 'pending', startedAt: 2 }), 0],
      [make({ id: 'download', direction: 'in', method: 'upload', state: 'active', startedAt: 3 }), 0],
      [make({ id: 'other', peer: 'carol@example.org', startedAt: 4 }), 0],
      [make({ id: 'over', state: 'done', startedAt: 5 }), 0],
    ]);
    expect(selectConversationTransfers(state, 'a', 'bob@example.org').map((transfer) => transfer.id)).toEqual(['sent', 'offer']);
    expect(isOffer(state.byId.offer ?? base)).toBe(true);
    expect(isOffer(state.byId.download ?? base)).toBe(false);
    expect(selectAllTransfers(state).map((transfer) => transfer.id)).toEqual(['over', 'other', 'download', 'offer', 'sent']);
    expect(selectOpenCount(state)).toBe(4);
  });

  it('keeps progress samples while a transfer is under way, and forgets them once it ends', () => {
    const active = fold([
      [make({ state: 'active', done: 100 }), 1_000],
      [make({ state: 'active', done: 600 }), 2_000],
    ]);
    expect(active.samples.x).toEqual([
      { at: 1_000, done: 100 },
      { at: 2_000, done: 600 },
    ]);
    expect(applyTransfer(active, make({ state: 'done', done: 1_000 }), 2_500).samples.x).toBeUndefined();
  });
});

describe('what a conversation says of dropped files that could not start', () => {
  it('is kept per conversation until cleared', () => {
    const store = useTransfers.getState();
    store.setProblem('a', 'bob@example.org', 'huge.iso: too large');
    store.setProblem('a', 'carol@example.org', 'x: gone');
    useTransfers.getState().setProblem('a', 'carol@example.org', undefined);
    expect(useTransfers.getState().problems).toEqual({ [conversationKey('a', 'bob@example.org')]: 'huge.iso: too large' });
  });
});
