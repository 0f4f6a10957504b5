import { describe, expect, it } from 'vitest';
import { createIdleTracker } from '../../../renderer/features/presence/idle.ts';

describe('browser-mode idle time', () => {
  it('counts whole seconds since the last input', () => {
    const tracker = createIdleTracker(0);
    expect(tracker.idleSeconds(59_900)).toBe(59);
    tracker.input(50_000);
    expect(tracker.idleSeconds(80_000)).toBe(30);
  });

  it('counts from the moment the page was hidden, and coming back is activity', () => {
    const tracker = createIdleTracker(0);
    tracker.input(10_000);
    tracker.hidden(20_000);
    expect(tracker.idleSeconds(320_000)).toBe(300);
    tracker.visible(330_000);
    expect(tracker.idleSeconds(331_000)).toBe(1);
  });

  it('never reports a negative time', () => {
    expect(createIdleTracker(5_000).idleSeconds(0)).toBe(0);
  });
});
