import { describe, expect, it } from 'vitest';
import { isMuted, muteEndsIn, muteFor } from '../../../shared/model/mute.ts';

const now = Date.UTC(2025, 5, 1, 14, 30);
const hour = 60 * 60 * 1000;

describe('the global mute of notifications', () => {
  it('lasts one hour, eight hours, or until turned back on', () => {
    expect(muteFor('hour', now)).toEqual({ kind: 'until', until: now + hour });
    expect(muteFor('eightHours', now)).toEqual({ kind: 'until', until: now + 8 * hour });
    expect(muteFor('always', now)).toEqual({ kind: 'always' });
  });

  it('ends by itself at its time, and not before', () => {
    const mute = muteFor('hour', now);
    expect(isMuted(mute, now)).toBe(true);
    expect(isMuted(mute, now + hour - 1)).toBe(true);
    expect(isMuted(mute, now + hour)).toBe(false);
    expect(muteEndsIn(mute, now + 10)).toBe(hour - 10);
    expect(muteEndsIn(mute, now + hour)).toBeUndefined();
  });

  it('holds until turned back on, and off is off', () => {
    expect(isMuted({ kind: 'always' }, now + 1000 * hour)).toBe(true);
    expect(muteEndsIn({ kind: 'always' }, now)).toBeUndefined();
    expect(isMuted({ kind: 'off' }, now)).toBe(false);
    expect(muteEndsIn({ kind: 'off' }, now)).toBeUndefined();
  });
});
