import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { safeName } from '../../../electron/core/transfers/files.ts';
import { createTransfers } from '../../../electron/core/transfers/transfers.ts';

const fields = { accountId: 'a', peer: 'bob@example.org', direction: 'out', method: 'upload', name: 'f.txt', size: 100 } as const;

describe('transfers', () => {
  it('says the start, spaces out progress, and says every state change at once', () => {
    let clock = 0;
    const seen: Transfer[] = [];
    const transfers = createTransfers((transfer) => seen.push(transfer), () => clock);
    const { transfer } = transfers.start(fields);
    transfers.progress(transfer.id, 10);
    transfers.progress(transfer.id, 20);
    clock = 50;
    transfers.progress(transfer.id, 30);
    clock = 150;
    transfers.progress(transfer.id, 40);
    transfers.update(transfer.id, { state: 'done', done: 100 });
    expect(seen.map((each) => [each.state, each.done])).toEqual([
      ['pending', 0],
      ['active', 10],
      ['active', 40],
      ['done', 100],
    ]);
    expect(transfers.list()).toEqual([expect.objectContaining({ state: 'done', done: 100 })]);
    // Over: nothing to cancel, and late progress changes nothing.
    expect(transfers.cancel(transfer.id)).toBe(false);
    transfers.progress(transfer.id, 50);
    expect(seen).toHaveLength(4);
  });

  it('cancels through the transfer’s signal', () => {
    const transfers = createTransfers(() => undefined);
    const { transfer, signal } = transfers.start(fields);
    expect(transfers.cancel(transfer.id)).toBe(true);
    expect(signal.aborted).toBe(true);
  });
});

describe('a chosen file’s name', () => {
  it('is the last part of its path, without control or bidi-override characters, bounded', () => {
    expect(safeName('/home/me/Photos/cat.png')).toBe('cat.png');
    expect(safeName('/tmp/invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(safeName('/tmp/a\u0000\u0007b')).toBe('ab');
    expect(safeName(`/tmp/${'x'.repeat(300)}`)).toHaveLength(255);
  });

  it('a finished transfer restarts under its id with a new cancellation, its error and resumable mark gone; one under way does not', () => {
    const seen: Transfer[] = [];
    const transfers = createTransfers((transfer) => seen.push(transfer));
    const { transfer, signal } = transfers.start({ ...fields, direction: 'in', method: 'in-band' });
    expect(transfers.restart(transfer.id)).toBeUndefined();
    transfers.progress(transfer.id, 40);
    transfers.update(transfer.id, { state: 'failed', resumable: true, error: { code: 'transfer-failed', message: 'broken' } });
    expect(signal.aborted).toBe(false);
    const again = transfers.restart(transfer.id, { done: 40, method: 'direct' });
    expect(again?.transfer).toMatchObject({ id: transfer.id, state: 'pending', done: 40, method: 'direct' });
    expect(again?.transfer.error).toBeUndefined();
    expect(again?.transfer.resumable).toBeUndefined();
    expect(seen.at(-1)).toEqual(again?.transfer);
    expect(transfers.cancel(transfer.id)).toBe(true);
    expect(again?.signal.aborted).toBe(true);
    expect(transfers.restart('unknown')).toBeUndefined();
  });

  it('restores a transfer of an earlier run once, and lists it', () => {
    const transfers = createTransfers(() => undefined);
    const old: Transfer = { ...fields, id: 't1', direction: 'in', method: 'in-band', done: 40, state: 'failed', startedAt: 1, resumable: true };
    transfers.restore(old);
    transfers.restore({ ...old, done: 0 });
    expect(transfers.list()).toEqual([old]);
  });
});
