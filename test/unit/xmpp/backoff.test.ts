import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from '../../../electron/core/xmpp/backoff.ts';

describe('backoffDelay', () => {
  it('doubles from 1 s up to the 5 min cap', () => {
    const ceilings = Array.from({ length: 12 }, (_, index) => backoffDelay(index + 1, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
  });

  it('never decreases in its bounds and never exceeds the cap', () => {
    let previousLow = 0;
    let previousHigh = 0;
    for (let attempt = 1; attempt <= 1_000; attempt += 1) {
      const low = backoffDelay(attempt, () => 0);
      const high = backoffDelay(attempt, () => 1);
      expect(low).toBeGreaterThanOrEqual(previousLow);
      expect(high).toBeGreaterThanOrEqual(previousHigh);
      expect(high).toBeLessThanOrEqual(defaultBackoff.capMs);
      previousLow = low;
      previousHigh = high;
    }
  });

  it('keeps the jitter within the upper half of the ceiling', () => {
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const ceiling = backoffDelay(attempt, () => 1);
      for (const random of [0, 0.25, 0.5, 0.999]) {
        const delay = backoffDelay(attempt, () => random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
    expect(backoffDelay(3, () => 0.5)).toBe(3_000);
  });

  it('clamps odd inputs', () => {
    expect(backoffDelay(0, () => 1)).toBe(1_000);
    expect(backoffDelay(-5, () => 2)).toBe(1_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, () => -1)).toBe(150_000);
  });

  it('follows a shorter policy for tests', () => {
    expect(backoffDelay(1, () => 1, { baseMs: 50, capMs: 200 })).toBe(50);
    expect(backoffDelay(10, () => 1, { baseMs: 50, capMs: 200 })).toBe(200);
  });
});
