import { describe, expect, it } from 'vitest';
import { muteStateText } from '../../../renderer/features/settings/mute-text.ts';
import { muteEndText } from '../../../shared/model/mute.ts';

const at = (hours: number, minutes: number, dayOffset = 0) => new Date(2025, 5, 10 + dayOffset, hours, minutes).getTime();

describe('until when notifications are muted, in words', () => {
  it('gives the time for today, the day and time for another day', () => {
    expect(muteEndText(at(15, 30), at(14, 30), 'fr')).toBe('15:30');
    expect(muteEndText(at(15, 30), at(14, 30), 'en')).toBe('3:30 PM');
    expect(muteEndText(at(2, 30, 1), at(18, 30), 'fr')).toBe('mercredi 02:30');
  });

  it('says nothing once a time-limited mute has ended, and names the mute that lasts', () => {
    expect(muteStateText({ kind: 'until', until: at(15, 30) }, at(15, 30))).toBeUndefined();
    expect(muteStateText({ kind: 'off' }, at(15, 30))).toBeUndefined();
    expect(muteStateText({ kind: 'until', until: at(15, 30) }, at(15, 0))).toBe('Muted until 3:30 PM');
    expect(muteStateText({ kind: 'always' }, at(15, 0))).toBe('Muted until you turn them back on');
  });
});
