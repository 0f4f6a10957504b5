import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/model/account.ts';
import { formatCountdown, isActive, needsPassword, stateLabel, stateLabelParts } from '../../../renderer/features/account-state/state-label.ts';

describe('countdown formatting', () => {
  it('shows seconds below a minute, rounding up so it never reads 0 s early', () => {
    expect(formatCountdown(12_000)).toBe('12 s');
    expect(formatCountdown(11_200)).toBe('12 s');
    expect(formatCountdown(1)).toBe('1 s');
  });

  it('shows minutes and seconds, then hours and minutes', () => {
    expect(formatCountdown(65_000)).toBe('1 min 5 s');
    expect(formatCountdown(120_000)).toBe('2 min');
    expect(formatCountdown(3_600_000)).toBe('1 h');
    expect(formatCountdown(3_780_000)).toBe('1 h 3 min');
  });

  it('never goes negative', () => {
    expect(formatCountdown(-5_000)).toBe('0 s');
  });
});

describe('connection state labels', () => {
  const now = 1_000_000;

  it('names the steady states', () => {
    expect(stateLabel({ status: 'online', jid: 'a@b/c', resumed: false }, now)).toBe('Online');
    expect(stateLabel({ status: 'connecting' }, now)).toBe('Connecting…');
    expect(stateLabel({ status: 'offline' }, now)).toBe('Offline');
  });

  it('gives the reason of an offline account, translated from its code and parameters', () => {
    const reason = { code: 'not-authorized', message: 'The core’s sentence.', params: { context: 'password', jid: 'alice@example.org', domain: 'example.org' } } as const;
    const state: ConnectionState = { status: 'offline', reason };
    expect(stateLabel(state, now)).toBe('Offline: Wrong password for alice@example.org, or no such account on example.org.');
  });

  it('counts down to the next reconnection attempt', () => {
    const state: ConnectionState = { status: 'reconnecting', attempt: 3, nextAttemptAt: now + 12_000 };
    expect(stateLabel(state, now)).toBe('Reconnecting in 12 s (attempt 3)');
    expect(stateLabel(state, now + 11_000)).toBe('Reconnecting in 1 s (attempt 3)');
    expect(stateLabel(state, now + 12_000)).toBe('Reconnecting now (attempt 3)');
  });

  it('keeps the countdown apart from what screen readers hear', () => {
    const parts = stateLabelParts({ status: 'reconnecting', attempt: 1, nextAttemptAt: now + 5_000 }, now);
    expect(parts).toEqual({ lead: 'Reconnecting', countdown: 'in 5 s', tail: '(attempt 1)' });
  });

  it('asks for a password only when the server refused it or none is kept', () => {
    expect(needsPassword({ status: 'offline', reason: { code: 'not-authorized', message: 'x' } })).toBe(true);
    expect(needsPassword({ status: 'offline', reason: { code: 'password-required', message: 'x' } })).toBe(true);
    expect(needsPassword({ status: 'offline', reason: { code: 'timeout', message: 'x' } })).toBe(false);
    expect(needsPassword({ status: 'offline' })).toBe(false);
  });

  it('offers "Disconnect" for every state but offline', () => {
    expect(isActive({ status: 'offline' })).toBe(false);
    expect(isActive({ status: 'connecting' })).toBe(true);
    expect(isActive({ status: 'reconnecting', attempt: 1, nextAttemptAt: 0 })).toBe(true);
  });
});
