import { describe, expect, it } from 'vitest';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { createWaitQueue } from '../../../electron/core/xmpp/wait-queue.ts';

const timeout = () => new CausetteError('timeout', 'too late');

describe('the queue of callers waiting for the connection', () => {
  it('releases waiters in the order they came', async () => {
    const queue = createWaitQueue(10);
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => queue.wait(undefined, timeout).then(() => order.push(n)));
    queue.release();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it('rejects every waiter at once', async () => {
    const queue = createWaitQueue(10);
    const waits = [queue.wait(undefined, timeout), queue.wait(1_000, timeout)];
    queue.reject(new CausetteError('not-authorized', 'no'));
    for (const wait of waits) await expect(wait).rejects.toMatchObject({ code: 'not-authorized' });
  });

  it('gives up on a waiter after its timeout, and forgets it', async () => {
    const queue = createWaitQueue(1);
    await expect(queue.wait(10, timeout)).rejects.toMatchObject({ code: 'timeout' });
    const next = queue.wait(undefined, timeout);
    queue.release();
    await expect(next).resolves.toBeUndefined();
  });

  it('refuses waiters beyond its limit', async () => {
    const queue = createWaitQueue(1);
    const first = queue.wait(undefined, timeout);
    await expect(queue.wait(undefined, timeout)).rejects.toMatchObject({ code: 'stream-error' });
    queue.release();
    await first;
  });
});
