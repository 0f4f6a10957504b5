import { describe, expect, it } from 'vitest';
import { autoState } from '../../../../electron/core/xmpp/presence/auto-away.ts';

const settings = { autoAwayMinutes: 5, autoXaMinutes: 20 };
const idle = (minutes: number, locked = false) => ({ idleSeconds: minutes * 60, locked });

describe('auto-away', () => {
  it('goes away, then extended away, as idle time passes the settings', () => {
    expect(autoState('online', settings, idle(4.9))).toBeUndefined();
    expect(autoState('online', settings, idle(5))).toBe('away');
    expect(autoState('chat', settings, idle(19))).toBe('away');
    expect(autoState('online', settings, idle(20))).toBe('xa');
  });

  it('restores the chosen state on activity (no automatic state)', () => {
    expect(autoState('online', settings, idle(0))).toBeUndefined();
  });

  it('goes away at once when the screen is locked, and extended away once idle long enough', () => {
    expect(autoState('online', settings, idle(0, true))).toBe('away');
    expect(autoState('online', settings, idle(60, true))).toBe('xa');
    expect(autoState('online', { autoAwayMinutes: 0, autoXaMinutes: 20 }, idle(0, true))).toBe('away');
    expect(autoState('online', { autoAwayMinutes: 5, autoXaMinutes: 0 }, idle(0, true))).toBe('away');
    expect(autoState('online', { autoAwayMinutes: 0, autoXaMinutes: 0 }, idle(0, true))).toBeUndefined();
  });

  it('honours a setting of 0 as off', () => {
    expect(autoState('online', { autoAwayMinutes: 0, autoXaMinutes: 20 }, idle(10))).toBeUndefined();
    expect(autoState('online', { autoAwayMinutes: 0, autoXaMinutes: 20 }, idle(25))).toBe('xa');
    expect(autoState('online', { autoAwayMinutes: 5, autoXaMinutes: 0 }, idle(500))).toBe('away');
  });

  it.each(['dnd', 'invisible', 'offline', 'away', 'xa'] as const)('never overrides a chosen %s', (chosen) => {
    expect(autoState(chosen, settings, idle(100, true))).toBeUndefined();
  });
});
