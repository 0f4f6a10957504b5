import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/model/account.ts';
import {
  applyRemoved,
  applySnapshot,
  applyUpdated,
  initialAccounts,
  selectSelectedAccount,
  useAccounts,
} from '../../../renderer/stores/accounts.ts';

function account(id: string, connection: Account['connection'] = { status: 'offline' }): Account {
  return { id, jid: `${id}@example.org`, tls: 'auto', passwordSaved: true, pinnedCertificates: [], connection };
}

describe('accounts slice', () => {
  it('takes the accounts of a snapshot in order', () => {
    const state = applySnapshot(initialAccounts, [account('a'), account('b')]);
    expect(state.accounts.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(selectSelectedAccount(state)?.id).toBe('a');
  });

  it('account.updated replaces the account with the same id, in place', () => {
    const before = applySnapshot(initialAccounts, [account('a'), account('b')]);
    const after = applyUpdated(before, account('a', { status: 'connecting' }));
    expect(after.accounts.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(after.accounts[0]?.connection).toEqual({ status: 'connecting' });
    expect(before.accounts[0]?.connection).toEqual({ status: 'offline' });
  });

  it('account.updated for an unknown id adds it at the end', () => {
    const state = applyUpdated(applySnapshot(initialAccounts, [account('a')]), account('new'));
    expect(state.accounts.map((entry) => entry.id)).toEqual(['a', 'new']);
  });

  it('account.removed drops the account and a selection pointing at it', () => {
    let state = applySnapshot(initialAccounts, [account('a'), account('b')]);
    state = { ...state, selectedId: 'b' };
    state = applyRemoved(state, 'b');
    expect(state.accounts.map((entry) => entry.id)).toEqual(['a']);
    expect(state.selectedId).toBeUndefined();
    expect(selectSelectedAccount(state)?.id).toBe('a');
  });

  it('account.removed for an unknown id changes nothing', () => {
    const state = applySnapshot(initialAccounts, [account('a')]);
    expect(applyRemoved(state, 'zzz')).toBe(state);
  });

  it('a new snapshot keeps the selection only if its account is still there', () => {
    const selected = { ...applySnapshot(initialAccounts, [account('a'), account('b')]), selectedId: 'b' };
    expect(applySnapshot(selected, [account('a'), account('b')]).selectedId).toBe('b');
    expect(applySnapshot(selected, [account('a')]).selectedId).toBeUndefined();
  });
});

describe('accounts store', () => {
  beforeEach(() => useAccounts.setState(initialAccounts));

  it('follows a sequence of events', () => {
    const store = useAccounts.getState();
    store.snapshot([account('a')]);
    store.updated(account('b', { status: 'connecting' }));
    store.select('b');
    store.updated(account('b', { status: 'online', jid: 'b@example.org/x', resumed: false }));
    expect(selectSelectedAccount(useAccounts.getState())?.connection.status).toBe('online');
    store.removed('b');
    expect(useAccounts.getState().accounts.map((entry) => entry.id)).toEqual(['a']);
    expect(selectSelectedAccount(useAccounts.getState())?.id).toBe('a');
  });

  it('ignores a selection of an account it does not have', () => {
    useAccounts.getState().snapshot([account('a')]);
    useAccounts.getState().select('ghost');
    expect(useAccounts.getState().selectedId).toBeUndefined();
  });
});
