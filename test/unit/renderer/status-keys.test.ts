import { describe, expect, it } from 'vitest';
import { stepChoice, type StatusOption } from '../../../renderer/features/presence/status-keys.ts';

const options: StatusOption<string>[] = [
  { value: 'online', label: 'Available', disabled: false },
  { value: 'chat', label: 'Free for chat', disabled: false },
  { value: 'away', label: 'Away', disabled: false },
  { value: 'invisible', label: 'Invisible', disabled: true },
  { value: 'offline', label: 'Offline', disabled: false },
];

describe('the keys of the closed Status menu', () => {
  it('moves one step with the arrows, stopping at the ends', () => {
    expect(stepChoice(options, 'online', 'ArrowDown')).toBe('chat');
    expect(stepChoice(options, 'chat', 'ArrowUp')).toBe('online');
    expect(stepChoice(options, 'online', 'ArrowUp')).toBe('online');
    expect(stepChoice(options, 'offline', 'ArrowDown')).toBe('offline');
  });

  it('skips a disabled choice', () => {
    expect(stepChoice(options, 'away', 'ArrowDown')).toBe('offline');
    expect(stepChoice(options, 'offline', 'ArrowLeft')).toBe('away');
  });

  it('goes to the ends with Home and End', () => {
    expect(stepChoice(options, 'away', 'Home')).toBe('online');
    expect(stepChoice(options, 'away', 'End')).toBe('offline');
  });

  it('finds the next choice starting with a typed letter, going round', () => {
    expect(stepChoice(options, 'online', 'a')).toBe('away');
    expect(stepChoice(options, 'away', 'A')).toBe('online');
    expect(stepChoice(options, 'online', 'i')).toBeUndefined();
  });

  it('leaves other keys alone', () => {
    expect(stepChoice(options, 'online', 'Enter')).toBeUndefined();
    expect(stepChoice(options, 'online', ' ')).toBeUndefined();
    expect(stepChoice(options, 'online', 'Tab')).toBeUndefined();
  });
});
