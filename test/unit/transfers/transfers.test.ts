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
});
