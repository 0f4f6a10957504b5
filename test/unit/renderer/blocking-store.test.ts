import { describe, expect, it } from 'vitest';
import { applyBlockingChanged, applyBlockingForget, applyBlockList, initialBlocking, selectBlocking, selectIsBlocked } from '../../../renderer/stores/blocking.ts';

describe('the blocking slice', () => {
  it('takes the list from blocking.list and keeps what the server offers when blocking.changed comes', () => {
    let state = applyBlockList(initialBlocking, 'a1', { supported: true, reportSupported: true, jids: [] });
    state = applyBlockingChanged(state, { accountId: 'a1', jids: ['bob@example.com'] });
    expect(selectBlocking(state, 'a1')).toEqual({ supported: true, reportSupported: true, jids: ['bob@example.com'] });
    expect(selectIsBlocked(state, 'a1', 'bob@example.com')).toBe(true);
    expect(selectIsBlocked(state, 'a2', 'bob@example.com')).toBe(false);
  });

  it('forgets a removed account', () => {
    const state = applyBlockList(initialBlocking, 'a1', { supported: true, reportSupported: false, jids: ['bob@example.com'] });
    expect(applyBlockingForget(state, 'a1')).toEqual(initialBlocking);
    expect(selectBlocking(initialBlocking, 'a1')).toEqual({ supported: false, reportSupported: false, jids: [] });
  });
});
