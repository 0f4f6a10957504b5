import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { lostConnection, setupAutoResume, type AutoResumeDeps } from '../../../electron/core/transfers/auto-resume.ts';

const failed: Transfer = { id: 't1', accountId: 'a', peer: 'alice@example.org', direction: 'in', method: 'in-band', name: 'f.ogg', size: 100, done: 40, state: 'failed', startedAt: 0, resumable: true };

function world(overrides: Partial<AutoResumeDeps> = {}) {
  const state = { online: false, available: false, rows: [failed] as Transfer[], fail: false };
  const asked: string[] = [];
  const auto = setupAutoResume({
    transfers: { list: () => state.rows },
    online: () => state.online,
    available: () => state.available,
    resume: (transfer) => {
      asked.push(transfer.id);
      return state.fail ? Promise.reject(new Error('no device')) : Promise.resolve();
    },
    logger: silentLogger,
    backoffMs: 100,
    attempts: 3,
    ...overrides,
  });
  return { state, asked, auto };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('automatic resume (XEP-0234 §6.4)', () => {
  it('only a lost connection counts, not a refusal nor a bad file', () => {
    expect(lostConnection('connectivity-error', 'local')).toBe(true);
    expect(lostConnection('gone', 'remote')).toBe(true);
    for (const reason of ['cancel', 'decline', 'media-error', 'security-error', 'failed-application', 'expired'] as const) expect(lostConnection(reason, 'remote')).toBe(false);
  });

  it('the receiver asks once we are back online and the peer’s device is there; never before', async () => {
    const { state, asked, auto } = world();
    auto.interrupted(failed, 'connectivity-error', 'local');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual([]);
    state.online = true;
    auto.reconnected();
    expect(asked).toEqual([]);
    state.available = true;
    auto.peerChanged('alice@example.org');
    expect(asked).toEqual(['t1']);
  });

  it('the sender waits for the request: it never acts', async () => {
    const { state, asked, auto } = world();
    Object.assign(state, { online: true, available: true, rows: [{ ...failed, direction: 'out' }] });
    auto.interrupted({ ...failed, direction: 'out' }, 'connectivity-error', 'local');
    auto.reconnected();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
  });

  it('a cancelled or declined transfer is not resumed; one resumed by hand or given up is left alone', async () => {
    const { state, asked, auto } = world();
    Object.assign(state, { online: true, available: true });
    auto.interrupted(failed, 'cancel', 'remote');
    auto.interrupted(failed, 'decline', 'remote');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
    auto.interrupted(failed, 'connectivity-error', 'remote');
    state.rows = [{ ...failed, state: 'cancelled', resumable: false }];
    await vi.advanceTimersByTimeAsync(10_000);
    auto.reconnected();
    expect(asked).toEqual([]);
  });

  it('a bounded number of attempts with a growing wait; a reconnection gives a fresh budget', async () => {
    const { state, asked, auto } = world();
    Object.assign(state, { online: true, available: true, fail: true });
    auto.interrupted(failed, 'connectivity-error', 'remote');
    // Not at once: the peer may not have seen the break yet.
    expect(asked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(asked).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(3);
    auto.peerChanged('alice@example.org');
    expect(asked).toHaveLength(3);
    auto.reconnected();
    expect(asked).toHaveLength(4);
  });

  it('the peer’s device coming back online gives a fresh budget', async () => {
    const { state, asked, auto } = world({ attempts: 1 });
    Object.assign(state, { online: true, available: true, fail: true });
    auto.interrupted(failed, 'gone', 'remote');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toHaveLength(1);
    state.available = false;
    auto.peerChanged('alice@example.org');
    state.available = true;
    state.fail = false;
    auto.peerChanged('alice@example.org');
    expect(asked).toHaveLength(2);
  });

  it('a contact’s presence costs no look-up while no transfer of theirs waits (a sign-in brings thousands)', () => {
    let lookedUp: string[] = [];
    const { auto } = world({ available: (peer) => (lookedUp.push(peer), true) });
    auto.peerChanged('bob@example.org');
    expect(lookedUp).toEqual([]);
    auto.interrupted(failed, 'connectivity-error', 'local');
    lookedUp = [];
    auto.peerChanged('bob@example.org');
    expect(lookedUp).toEqual([]);
    auto.peerChanged('alice@example.org');
    expect(lookedUp).toEqual(['alice@example.org']);
  });

  it('attempts 0 leaves every transfer to the user', async () => {
    const { state, asked, auto } = world({ attempts: 0 });
    Object.assign(state, { online: true, available: true });
    auto.interrupted(failed, 'connectivity-error', 'local');
    auto.reconnected();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toEqual([]);
  });
});
