import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { taskbarProgress, trackTaskbarProgress } from '../../../electron/taskbar-progress.ts';

const transfer = (id: string, state: Transfer['state'], done: number, size: number): Transfer => ({
  id,
  accountId: 'a',
  peer: 'bob@example.org',
  direction: 'out',
  method: 'in-band',
  name: `${id}.bin`,
  size,
  done,
  state,
  startedAt: 0,
});

describe('the taskbar progress', () => {
  it('is the bytes of the transfers under way over their total, and no bar without one', () => {
    expect(taskbarProgress([])).toBe(-1);
    expect(taskbarProgress([transfer('a', 'done', 10, 10), transfer('b', 'pending', 0, 10)])).toBe(-1);
    expect(taskbarProgress([transfer('a', 'active', 25, 100), transfer('b', 'active', 75, 100), transfer('c', 'failed', 0, 1000)])).toBe(0.5);
  });

  it('follows transfer.updated events and goes once the last transfer ends', () => {
    let listener: ((name: string, payload: unknown) => void) | undefined;
    const core = { onEvent: (each: (name: string, payload: unknown) => void) => ((listener = each), () => undefined) };
    const set: number[] = [];
    trackTaskbarProgress(core as never, () => ({ setProgressBar: (progress: number) => void set.push(progress) }));
    listener?.('transfer.updated', transfer('a', 'active', 10, 100));
    listener?.('transfer.updated', transfer('a', 'active', 10.2, 100));
    listener?.('transfer.updated', transfer('a', 'active', 60, 100));
    listener?.('transfer.updated', transfer('a', 'done', 100, 100));
    expect(set).toEqual([0.1, 0.6, -1]);
  });
});
